;; no_abi.wat (test module): a valid Wasm module that looks like a filter but exports no
;; proxy_abi_version_* marker. Envoy/cpp-host refuse it ("Missing or unknown Proxy-Wasm ABI
;; version"); a host should report that clearly instead of guessing.
;; Exports: memory, proxy_on_memory_allocate, proxy_on_request_headers. Imports: none.
(module
  (memory (export "memory") 1)
  (global $heap_top (mut i32) (i32.const 1024))

  ;; A trivial bump allocator, so the only thing missing is the marker.
  (func (export "proxy_on_memory_allocate") (param $size i32) (result i32)
    (local $ptr i32)
    (local.set $ptr (global.get $heap_top))
    (global.set $heap_top (i32.add (local.get $ptr) (local.get $size)))
    (local.get $ptr))

  ;; Would be a pass-through filter: returns 0 (Continue).
  (func (export "proxy_on_request_headers")
        (param $context_id i32) (param $num_headers i32) (param $end_of_stream i32) (result i32)
    (i32.const 0))
)
