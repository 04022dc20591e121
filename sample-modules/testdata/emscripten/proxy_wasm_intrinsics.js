// Tells emscripten's link step that these symbols are provided by the host (imported from
// "env") rather than missing, as the proxy-wasm C++ SDK's proxy_wasm_intrinsics.js does.
// The function bodies are never used in a STANDALONE_WASM build.
mergeInto(LibraryManager.library, {
  proxy_log: function () {},
  proxy_get_buffer_bytes: function () {},
  proxy_get_header_map_value: function () {},
  proxy_add_header_map_value: function () {},
});
