;; hello-abi: the Proxy-Wasm ABI (0.2.1) by hand, with nothing in between.
;;
;; Plugin configuration: any text; it is only logged.
;;
;; What it does:
;;   proxy_on_vm_start          logs "hello-abi: vm started"
;;   proxy_on_configure         reads buffer 7 (PLUGIN_CONFIGURATION), logs
;;                              "hello-abi: configured with <config>", returns 1 (accept)
;;   proxy_on_request_headers   reads ":path", logs "hello-abi: request path <path>", returns 0
;;   proxy_on_response_headers  adds the response header "x-hello: abi"
;;   proxy_on_log               logs "hello-abi: done"
;;
;; Memory map (one 64 KiB page to start with):
;;   64..71      two u32 "return slots" the host writes outputs into (pointer, length)
;;   256..511    constant strings (data segments below)
;;   4096..      heap: a bump allocator the host uses through proxy_on_memory_allocate
(module
  ;; ---- Host functions, all imported from module "env"; each returns a status (0 = OK) ----

  ;; proxy_log(level, message_ptr, message_len). Levels: 0 trace .. 2 info .. 5 critical.
  (import "env" "proxy_log" (func $proxy_log (param i32 i32 i32) (result i32)))
  ;; proxy_get_buffer_bytes(buffer_type, start, max_size, return_data_ptr, return_size_ptr)
  (import "env" "proxy_get_buffer_bytes"
    (func $proxy_get_buffer_bytes (param i32 i32 i32 i32 i32) (result i32)))
  ;; proxy_get_header_map_value(map_type, key_ptr, key_len, return_value_ptr, return_len_ptr)
  (import "env" "proxy_get_header_map_value"
    (func $proxy_get_header_map_value (param i32 i32 i32 i32 i32) (result i32)))
  ;; proxy_add_header_map_value(map_type, key_ptr, key_len, value_ptr, value_len)
  (import "env" "proxy_add_header_map_value"
    (func $proxy_add_header_map_value (param i32 i32 i32 i32 i32) (result i32)))

  ;; The module owns and exports its memory; the host reads and writes it directly.
  (memory (export "memory") 1)

  ;; ---- Constants ----
  (global $RET_PTR i32 (i32.const 64))   ;; the host writes a u32 address here ...
  (global $RET_LEN i32 (i32.const 68))   ;; ... and a u32 length here
  (global $HEAP_BASE i32 (i32.const 4096))
  (global $heap_top (mut i32) (i32.const 4096))

  (data (i32.const 256) "hello-abi: vm started")        ;; 21 bytes
  (data (i32.const 288) "hello-abi: configured with ")  ;; 27 bytes
  (data (i32.const 320) "hello-abi: request path ")     ;; 24 bytes
  (data (i32.const 352) ":path")                        ;; 5 bytes
  (data (i32.const 368) "x-hello")                      ;; 7 bytes
  (data (i32.const 384) "abi")                          ;; 3 bytes
  (data (i32.const 400) "hello-abi: done")              ;; 15 bytes

  ;; ---- ABI marker: an empty export whose *name* announces the ABI version ----
  (func (export "proxy_abi_version_0_2_1"))

  ;; ---- Allocator ----
  ;; Whenever a hostcall returns data (a header value, the configuration...), the host calls
  ;; this export with the size it needs, copies the bytes to the returned address and writes
  ;; (address, length) through the return pointers we passed. 0 means "out of memory".
  ;; Bump allocation, 8-byte aligned, growing memory when needed.
  (func $alloc (export "proxy_on_memory_allocate") (param $size i32) (result i32)
    (local $ptr i32) (local $end i32) (local $have i32)
    (local.set $ptr
      (i32.and (i32.add (global.get $heap_top) (i32.const 7)) (i32.const -8)))
    (local.set $end (i32.add (local.get $ptr) (local.get $size)))
    (if (i32.lt_u (local.get $end) (local.get $ptr))            ;; size wrapped around
      (then (return (i32.const 0))))
    (local.set $have (i32.mul (memory.size) (i32.const 65536)))
    (if (i32.gt_u (local.get $end) (local.get $have))
      (then
        ;; pages needed = ceil((end - have) / 64 KiB); memory.grow returns -1 on failure
        (if (i32.eq
              (memory.grow
                (i32.shr_u (i32.add (i32.sub (local.get $end) (local.get $have))
                                    (i32.const 65535))
                           (i32.const 16)))
              (i32.const -1))
          (then (return (i32.const 0))))))
    (global.set $heap_top (local.get $end))
    (local.get $ptr))

  ;; Everything the host hands us is only needed during the callback that asked for it, so
  ;; each callback starts with an empty heap (an arena): no free() needed.
  (func $reset_heap
    (global.set $heap_top (global.get $HEAP_BASE)))

  ;; ---- Helpers ----
  (func $copy (param $dst i32) (param $src i32) (param $len i32)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $len)))
        (i32.store8 (local.get $dst) (i32.load8_u (local.get $src)))
        (local.set $dst (i32.add (local.get $dst) (i32.const 1)))
        (local.set $src (i32.add (local.get $src) (i32.const 1)))
        (local.set $len (i32.sub (local.get $len) (i32.const 1)))
        (br $next))))

  ;; Logs prefix ++ data at INFO (2).
  (func $log_info2 (param $prefix i32) (param $prefix_len i32) (param $data i32) (param $data_len i32)
    (local $buf i32)
    (local.set $buf (call $alloc (i32.add (local.get $prefix_len) (local.get $data_len))))
    (if (i32.eqz (local.get $buf)) (then (return)))
    (call $copy (local.get $buf) (local.get $prefix) (local.get $prefix_len))
    (call $copy (i32.add (local.get $buf) (local.get $prefix_len)) (local.get $data) (local.get $data_len))
    (drop (call $proxy_log (i32.const 2) (local.get $buf)
                           (i32.add (local.get $prefix_len) (local.get $data_len)))))

  ;; ---- Callbacks (the host calls these) ----

  ;; A new context: parent 0 = a root context (one per plugin configuration), otherwise an HTTP
  ;; stream whose root context is `parent`. Context ids are chosen by the host.
  (func (export "proxy_on_context_create") (param $context_id i32) (param $parent_id i32)
    (call $reset_heap))

  ;; The VM is ready (called for each root context). Returning 0 would mark the VM failed.
  (func (export "proxy_on_vm_start") (param $root_id i32) (param $vm_config_size i32) (result i32)
    (call $reset_heap)
    (drop (call $proxy_log (i32.const 2) (i32.const 256) (i32.const 21)))
    (i32.const 1))

  ;; The plugin configuration arrived; its size is the second argument.
  (func (export "proxy_on_configure") (param $root_id i32) (param $config_size i32) (result i32)
    (call $reset_heap)
    ;; Clear the return slots: an empty configuration comes back as (0, 0), or as NOT_FOUND on
    ;; some hosts, and then the slots are left untouched.
    (i32.store (global.get $RET_PTR) (i32.const 0))
    (i32.store (global.get $RET_LEN) (i32.const 0))
    ;; Pointer-to-pointer output: we pass the *addresses* of our two slots. The host allocates
    ;; config_size bytes with proxy_on_memory_allocate, copies the configuration there, then
    ;; stores the new address (u32, little-endian) at RET_PTR and the length at RET_LEN.
    (drop (call $proxy_get_buffer_bytes
      (i32.const 7)                  ;; PLUGIN_CONFIGURATION
      (i32.const 0)                  ;; start
      (local.get $config_size)       ;; max_size
      (global.get $RET_PTR)
      (global.get $RET_LEN)))
    (call $log_info2 (i32.const 288) (i32.const 27)
      (i32.load (global.get $RET_PTR)) (i32.load (global.get $RET_LEN)))
    (i32.const 1))                   ;; 1 = configuration accepted

  ;; Request headers are available. num_headers counts them; end_of_stream = no body follows.
  (func (export "proxy_on_request_headers")
        (param $context_id i32) (param $num_headers i32) (param $end_of_stream i32) (result i32)
    (call $reset_heap)
    (i32.store (global.get $RET_PTR) (i32.const 0))
    (i32.store (global.get $RET_LEN) (i32.const 0))
    ;; Map 0 = HTTP_REQUEST_HEADERS. Same pointer-to-pointer output as above; a missing header
    ;; returns NOT_FOUND (1) and leaves the slots at (0, 0).
    (drop (call $proxy_get_header_map_value
      (i32.const 0) (i32.const 352) (i32.const 5) (global.get $RET_PTR) (global.get $RET_LEN)))
    (call $log_info2 (i32.const 320) (i32.const 24)
      (i32.load (global.get $RET_PTR)) (i32.load (global.get $RET_LEN)))
    (i32.const 0))                   ;; 0 = Continue (1 would be Pause)

  (func (export "proxy_on_response_headers")
        (param $context_id i32) (param $num_headers i32) (param $end_of_stream i32) (result i32)
    (call $reset_heap)
    ;; Map 2 = HTTP_RESPONSE_HEADERS. Inputs are plain (pointer, length) pairs into our memory.
    (drop (call $proxy_add_header_map_value
      (i32.const 2) (i32.const 368) (i32.const 7) (i32.const 384) (i32.const 3)))
    (i32.const 0))

  ;; The stream is complete (access-log time): headers are still readable.
  (func (export "proxy_on_log") (param $context_id i32)
    (call $reset_heap)
    (drop (call $proxy_log (i32.const 2) (i32.const 400) (i32.const 15))))

  ;; The host is finishing the context; 1 = "done now" (0 = we will call proxy_done later).
  (func (export "proxy_on_done") (param $context_id i32) (result i32)
    (i32.const 1))

  ;; Last call for a context: forget its state (we keep none).
  (func (export "proxy_on_delete") (param $context_id i32))
)
