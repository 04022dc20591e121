;; abi_0_1_0_two_args.wat (test module): an ABI 0.1.0 module, in the shape old SDKs produced.
;;
;; What makes it 0.1.0:
;; * marker export proxy_abi_version_0_1_0;
;; * allocator exported as `malloc` (no proxy_on_memory_allocate) and a WASI-command style
;;   `_start` (no `_initialize`);
;; * proxy_on_request_headers / proxy_on_response_headers take TWO arguments
;;   (context_id, num_headers): end_of_stream only arrived in 0.2.0. (0.1.0 modules exist with
;;   three arguments too: see abi_0_1_0_three_args.wat);
;; * the configuration is read with the 0.1.0-only hostcall proxy_get_configuration (0.2.x
;;   reads buffer 7 instead);
;; * a missing header: 0.1.0 hosts answer OK with an empty value (0.2.x: NOT_FOUND).
;;
;; Behaviour:
;;   _start                     logs "abi-0.1.0/2-args: _start"
;;   proxy_on_configure         logs "abi-0.1.0/2-args: configuration <config>"
;;   proxy_on_request_headers   reads the absent header "x-missing-header", logs
;;                              "abi-0.1.0/2-args: missing header status=S size=N" (expect S=0,
;;                              N=0), adds request header "x-abi: 0.1.0"
;;   proxy_on_response_headers  adds response header "x-abi: 0.1.0"
;; Plugin configuration: any text (only logged).
;;
;; Memory map: 64/68 return slots, 100..111 digit scratch, 256.. strings,
;; 3072..4095 log message builder, 4096.. heap (arena reset at each callback).
(module
  (import "env" "proxy_log" (func $proxy_log (param i32 i32 i32) (result i32)))
  ;; 0.1.0 only: proxy_get_configuration(return_data_ptr, return_size_ptr)
  (import "env" "proxy_get_configuration"
    (func $proxy_get_configuration (param i32 i32) (result i32)))
  (import "env" "proxy_get_header_map_value"
    (func $proxy_get_header_map_value (param i32 i32 i32 i32 i32) (result i32)))
  (import "env" "proxy_add_header_map_value"
    (func $proxy_add_header_map_value (param i32 i32 i32 i32 i32) (result i32)))

  (memory (export "memory") 1)

  (global $RET_PTR i32 (i32.const 64))
  (global $RET_LEN i32 (i32.const 68))
  (global $OUT i32 (i32.const 3072))
  (global $HEAP_BASE i32 (i32.const 4096))
  (global $heap_top (mut i32) (i32.const 4096))
  (global $out_len (mut i32) (i32.const 0))

  (data (i32.const 256) "abi-0.1.0/2-args: ")       ;; 18
  (data (i32.const 288) "_start")                   ;; 6
  (data (i32.const 320) "configuration ")           ;; 14
  (data (i32.const 352) "x-missing-header")         ;; 16
  (data (i32.const 384) "missing header status=")   ;; 22
  (data (i32.const 416) " size=")                   ;; 6
  (data (i32.const 448) "x-abi")                    ;; 5
  (data (i32.const 480) "0.1.0")                    ;; 5

  (func (export "proxy_abi_version_0_1_0"))

  ;; The legacy allocator name. Bump allocation; the heap is reset at each callback.
  (func $malloc (export "malloc") (param $size i32) (result i32)
    (local $ptr i32) (local $end i32) (local $have i32)
    (local.set $ptr (i32.and (i32.add (global.get $heap_top) (i32.const 7)) (i32.const -8)))
    (local.set $end (i32.add (local.get $ptr) (local.get $size)))
    (if (i32.lt_u (local.get $end) (local.get $ptr)) (then (return (i32.const 0))))
    (local.set $have (i32.mul (memory.size) (i32.const 65536)))
    (if (i32.gt_u (local.get $end) (local.get $have))
      (then
        (if (i32.eq (memory.grow (i32.shr_u (i32.add (i32.sub (local.get $end) (local.get $have))
                                                     (i32.const 65535))
                                            (i32.const 16)))
                    (i32.const -1))
          (then (return (i32.const 0))))))
    (global.set $heap_top (local.get $end))
    (local.get $ptr))

  (func $reset_heap (global.set $heap_top (global.get $HEAP_BASE)))

  (func $copy (param $dst i32) (param $src i32) (param $len i32)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $len)))
        (i32.store8 (local.get $dst) (i32.load8_u (local.get $src)))
        (local.set $dst (i32.add (local.get $dst) (i32.const 1)))
        (local.set $src (i32.add (local.get $src) (i32.const 1)))
        (local.set $len (i32.sub (local.get $len) (i32.const 1)))
        (br $next))))

  (func $out_str (param $ptr i32) (param $len i32)
    (if (i32.gt_u (i32.add (global.get $out_len) (local.get $len)) (i32.const 1024))
      (then (local.set $len (i32.sub (i32.const 1024) (global.get $out_len)))))
    (call $copy (i32.add (global.get $OUT) (global.get $out_len)) (local.get $ptr) (local.get $len))
    (global.set $out_len (i32.add (global.get $out_len) (local.get $len))))

  (func $out_num (param $n i32)
    (local $p i32)
    (local.set $p (i32.const 112))
    (loop $digit
      (local.set $p (i32.sub (local.get $p) (i32.const 1)))
      (i32.store8 (local.get $p) (i32.add (i32.const 48) (i32.rem_u (local.get $n) (i32.const 10))))
      (local.set $n (i32.div_u (local.get $n) (i32.const 10)))
      (br_if $digit (local.get $n)))
    (call $out_str (local.get $p) (i32.sub (i32.const 112) (local.get $p))))

  ;; Logs the built message at INFO and empties the builder.
  (func $out_log
    (drop (call $proxy_log (i32.const 2) (global.get $OUT) (global.get $out_len)))
    (global.set $out_len (i32.const 0)))

  ;; WASI command entry point: 0.1.0-era modules were built as commands.
  (func (export "_start")
    (call $out_str (i32.const 256) (i32.const 18))
    (call $out_str (i32.const 288) (i32.const 6))
    (call $out_log))

  (func (export "proxy_on_context_create") (param $context_id i32) (param $parent_id i32)
    (call $reset_heap))

  (func (export "proxy_on_vm_start") (param $root_id i32) (param $vm_config_size i32) (result i32)
    (i32.const 1))

  (func (export "proxy_on_configure") (param $root_id i32) (param $config_size i32) (result i32)
    (call $reset_heap)
    (i32.store (global.get $RET_PTR) (i32.const 0))
    (i32.store (global.get $RET_LEN) (i32.const 0))
    ;; 0.1.0: the host returns the plugin configuration when asked from proxy_on_configure
    ;; (and the VM configuration from proxy_on_vm_start), through malloc + the return slots.
    (drop (call $proxy_get_configuration (global.get $RET_PTR) (global.get $RET_LEN)))
    (call $out_str (i32.const 256) (i32.const 18))
    (call $out_str (i32.const 320) (i32.const 14))
    (call $out_str (i32.load (global.get $RET_PTR)) (i32.load (global.get $RET_LEN)))
    (call $out_log)
    (i32.const 1))

  ;; Two arguments: no end_of_stream in ABI 0.1.0.
  (func (export "proxy_on_request_headers")
        (param $context_id i32) (param $num_headers i32) (result i32)
    (local $status i32)
    (call $reset_heap)
    (i32.store (global.get $RET_PTR) (i32.const 0))
    (i32.store (global.get $RET_LEN) (i32.const 0))
    (local.set $status (call $proxy_get_header_map_value
      (i32.const 0) (i32.const 352) (i32.const 16) (global.get $RET_PTR) (global.get $RET_LEN)))
    (call $out_str (i32.const 256) (i32.const 18))
    (call $out_str (i32.const 384) (i32.const 22))
    (call $out_num (local.get $status))
    (call $out_str (i32.const 416) (i32.const 6))
    (call $out_num (i32.load (global.get $RET_LEN)))
    (call $out_log)
    (drop (call $proxy_add_header_map_value
      (i32.const 0) (i32.const 448) (i32.const 5) (i32.const 480) (i32.const 5)))
    (i32.const 0))

  (func (export "proxy_on_response_headers")
        (param $context_id i32) (param $num_headers i32) (result i32)
    (call $reset_heap)
    (drop (call $proxy_add_header_map_value
      (i32.const 2) (i32.const 448) (i32.const 5) (i32.const 480) (i32.const 5)))
    (i32.const 0))

  (func (export "proxy_on_done") (param $context_id i32) (result i32)
    (i32.const 1))

  (func (export "proxy_on_delete") (param $context_id i32))
)
