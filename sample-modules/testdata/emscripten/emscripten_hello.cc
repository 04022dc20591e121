// emscripten_hello.cc (test module): a real emscripten-built C++ module, in the shape the
// proxy-wasm C++ SDK produces (its build uses `em++ --no-entry -sSTANDALONE_WASM
// -sEXPORTED_FUNCTIONS=_malloc -sALLOW_MEMORY_GROWTH=1 -sINITIAL_HEAP=64KB`; Debian's emscripten
// 3.1.6 has no INITIAL_HEAP, so build.sh uses -sTOTAL_STACK=64KB -sINITIAL_MEMORY=256KB).
// The C++ SDK itself is not available here; the few ABI declarations it would provide are below.
//
// Interface a host meets:
// * exports `_initialize` (emscripten's reactor start: static constructors), `malloc` (the
//   allocator; no proxy_on_memory_allocate), `proxy_abi_version_0_2_1`,
//   `proxy_validate_configuration` (not in the spec; cpp-host calls it), the callbacks below,
//   plus emscripten's own `stackSave`/`stackRestore`/`stackAlloc`/`__errno_location`/
//   `__indirect_function_table`;
// * imports `env.emscripten_notify_memory_growth(i32)`: emscripten calls it after every
//   memory.grow. This module really grows memory (a 1 MiB std::vector in proxy_on_configure),
//   so a host without that import fails to link and one with a trapping stub fails at configure;
// * imports `wasi_snapshot_preview1.proc_exit` (abort paths) and the `env.proxy_*` it calls.
//
// Behaviour:
//   proxy_validate_configuration  accepts anything (returns 1)
//   proxy_on_vm_start             logs "emscripten: vm start"
//   proxy_on_configure            logs "emscripten: configured with <config>", then grows memory
//                                 and logs "emscripten: memory grew from A to B pages"
//   proxy_on_request_headers      logs "emscripten: request path <:path>"
//   proxy_on_response_headers     adds response header "x-emscripten: <emscripten version>"
// Plugin configuration: any text (only logged).
#include <emscripten.h>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

// ---- The ABI: imports from module "env" (what proxy_wasm_externs.h declares in the C++ SDK) ----
#define IMPORT(name) __attribute__((import_module("env"), import_name(name)))
extern "C" {
IMPORT("proxy_log") uint32_t proxy_log(uint32_t level, const char *data, size_t size);
IMPORT("proxy_get_buffer_bytes")
uint32_t proxy_get_buffer_bytes(uint32_t type, size_t start, size_t max, char **data, size_t *size);
IMPORT("proxy_get_header_map_value")
uint32_t proxy_get_header_map_value(uint32_t map, const char *key, size_t key_size, char **value,
                                    size_t *value_size);
IMPORT("proxy_add_header_map_value")
uint32_t proxy_add_header_map_value(uint32_t map, const char *key, size_t key_size,
                                    const char *value, size_t value_size);
}

namespace {

constexpr uint32_t kLogInfo = 2;
constexpr uint32_t kPluginConfiguration = 7;
constexpr uint32_t kRequestHeaders = 0;
constexpr uint32_t kResponseHeaders = 2;

void log_info(const std::string &message) { proxy_log(kLogInfo, message.data(), message.size()); }

// Takes ownership of data the host placed with our `malloc` (pointer-to-pointer outputs).
std::string take(char *data, size_t size) {
  std::string value(data ? data : "", data ? size : 0);
  free(data);
  return value;
}

// Lives as long as the VM, so the memory it made the VM grow stays in use.
std::vector<char> ballast;

}  // namespace

#define EXPORT extern "C" EMSCRIPTEN_KEEPALIVE

EXPORT void proxy_abi_version_0_2_1() {}

EXPORT uint32_t proxy_validate_configuration(uint32_t root_context_id, size_t size) { return 1; }

EXPORT void proxy_on_context_create(uint32_t context_id, uint32_t parent_context_id) {}

EXPORT uint32_t proxy_on_vm_start(uint32_t root_context_id, size_t vm_configuration_size) {
  log_info("emscripten: vm start");
  return 1;
}

EXPORT uint32_t proxy_on_configure(uint32_t root_context_id, size_t configuration_size) {
  char *data = nullptr;
  size_t size = 0;
  if (configuration_size > 0)
    proxy_get_buffer_bytes(kPluginConfiguration, 0, configuration_size, &data, &size);
  log_info("emscripten: configured with " + take(data, size));

  // Make the heap grow: emscripten's sbrk calls memory.grow, then the imported
  // emscripten_notify_memory_growth(0).
  size_t before = __builtin_wasm_memory_size(0);
  ballast.assign(1 << 20, 'x');
  size_t after = __builtin_wasm_memory_size(0);
  log_info("emscripten: memory grew from " + std::to_string(before) + " to " +
           std::to_string(after) + " pages");
  return 1;
}

EXPORT uint32_t proxy_on_request_headers(uint32_t context_id, size_t headers, uint32_t eos) {
  char *data = nullptr;
  size_t size = 0;
  proxy_get_header_map_value(kRequestHeaders, ":path", 5, &data, &size);
  log_info("emscripten: request path " + take(data, size));
  return 0;  // Continue
}

EXPORT uint32_t proxy_on_response_headers(uint32_t context_id, size_t headers, uint32_t eos) {
  const std::string version = std::to_string(__EMSCRIPTEN_major__) + "." +
                              std::to_string(__EMSCRIPTEN_minor__) + "." +
                              std::to_string(__EMSCRIPTEN_tiny__);
  proxy_add_header_map_value(kResponseHeaders, "x-emscripten", 12, version.data(), version.size());
  return 0;
}

EXPORT uint32_t proxy_on_done(uint32_t context_id) { return 1; }

EXPORT void proxy_on_delete(uint32_t context_id) {}
