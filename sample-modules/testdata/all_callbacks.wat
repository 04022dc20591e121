;; all_callbacks.wat (test module, ABI 0.2.1): exports every HTTP callback and does nothing else,
;; so a trace of it shows exactly the callbacks the host makes and in which order.
;;
;; Plugin configuration: empty = Continue everywhere. Any non-empty configuration turns on body
;; buffering: proxy_on_request_body and proxy_on_response_body return Pause (1) until
;; end_of_stream, the classic "buffer the whole body" pattern.
(module
  (memory (export "memory") 1)
  (global $heap (mut i32) (i32.const 1024))
  (global $buffer (mut i32) (i32.const 0))

  (func (export "proxy_abi_version_0_2_1"))

  ;; A bump allocator: enough for a test module that never frees.
  (func (export "proxy_on_memory_allocate") (param $size i32) (result i32)
    (local $p i32)
    (local.set $p (global.get $heap))
    (global.set $heap (i32.add (global.get $heap) (i32.and (i32.add (local.get $size) (i32.const 7)) (i32.const -8))))
    (local.get $p))

  (func (export "proxy_on_context_create") (param i32 i32))
  (func (export "proxy_on_vm_start") (param i32 i32) (result i32) (i32.const 1))
  (func (export "proxy_on_configure") (param $root i32) (param $size i32) (result i32)
    (global.set $buffer (i32.ne (local.get $size) (i32.const 0)))
    (i32.const 1))

  (func (export "proxy_on_request_headers") (param i32 i32 i32) (result i32) (i32.const 0))
  (func $body (param $eos i32) (result i32)
    (if (result i32) (i32.and (global.get $buffer) (i32.eqz (local.get $eos)))
      (then (i32.const 1))
      (else (i32.const 0))))
  (func (export "proxy_on_request_body") (param i32) (param i32) (param $eos i32) (result i32)
    (call $body (local.get $eos)))
  (func (export "proxy_on_request_trailers") (param i32 i32) (result i32) (i32.const 0))
  (func (export "proxy_on_response_headers") (param i32 i32 i32) (result i32) (i32.const 0))
  (func (export "proxy_on_response_body") (param i32) (param i32) (param $eos i32) (result i32)
    (call $body (local.get $eos)))
  (func (export "proxy_on_response_trailers") (param i32 i32) (result i32) (i32.const 0))
  (func (export "proxy_on_log") (param i32))
  (func (export "proxy_on_done") (param i32) (result i32) (i32.const 1))
  (func (export "proxy_on_delete") (param i32)))
