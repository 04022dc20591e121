;; grpc_shim.wat (test module, ABI 0.2.1): a rate-limit shim over a unary gRPC call, like the
;; Kuadrant/Envoy ratelimit filters: each request pauses while it asks cluster "ratelimit". As in
;; Envoy, a successful call ends with proxy_on_grpc_receive alone (log "grpc_shim: <response
;; message>" and resume the request) and a failed one with proxy_on_grpc_close alone (429 local
;; reply).
(module
  (import "env" "proxy_grpc_call" (func $grpc_call
    (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32) (result i32)))
  (import "env" "proxy_get_buffer_bytes" (func $get_buffer (param i32 i32 i32 i32 i32) (result i32)))
  (import "env" "proxy_log" (func $log (param i32 i32 i32) (result i32)))
  (import "env" "proxy_set_effective_context" (func $set_effective (param i32) (result i32)))
  (import "env" "proxy_continue_stream" (func $continue (param i32) (result i32)))
  (import "env" "proxy_send_local_response" (func $local_reply
    (param i32 i32 i32 i32 i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (global $heap (mut i32) (i32.const 4096))
  (global $stream (mut i32) (i32.const 0))

  (data (i32.const 256) "ratelimit")                                   ;; 9
  (data (i32.const 288) "envoy.service.ratelimit.v3.RateLimitService") ;; 43
  (data (i32.const 352) "ShouldRateLimit")                             ;; 15
  (data (i32.const 384) "req")                                         ;; 3
  (data (i32.const 416) "over limit\n")                                ;; 11
  (data (i32.const 448) "grpc_shim: ")                                 ;; 11

  (func (export "proxy_abi_version_0_2_1"))
  (func (export "proxy_on_memory_allocate") (param $size i32) (result i32)
    (local $p i32)
    (local.set $p (global.get $heap))
    (global.set $heap (i32.add (global.get $heap) (local.get $size)))
    (local.get $p))
  (func (export "proxy_on_context_create") (param i32 i32))
  (func (export "proxy_on_vm_start") (param i32 i32) (result i32) (i32.const 1))
  (func (export "proxy_on_configure") (param i32 i32) (result i32) (i32.const 1))

  (func (export "proxy_on_request_headers") (param $ctx i32) (param i32) (param i32) (result i32)
    (global.set $stream (local.get $ctx))
    (if (call $grpc_call (i32.const 256) (i32.const 9) (i32.const 288) (i32.const 43)
          (i32.const 352) (i32.const 15) (i32.const 0) (i32.const 0) (i32.const 384) (i32.const 3)
          (i32.const 1000) (i32.const 64))
      (then (return (i32.const 0))))
    (i32.const 1))

  ;; Copies the message after the "grpc_shim: " prefix and logs both.
  (func (export "proxy_on_grpc_receive") (param i32) (param i32) (param $size i32)
    (local $ptr i32) (local $len i32)
    (drop (call $get_buffer (i32.const 5) (i32.const 0) (local.get $size) (i32.const 64) (i32.const 68)))
    (local.set $ptr (i32.load (i32.const 64)))
    (local.set $len (i32.load (i32.const 68)))
    (memory.copy (i32.const 459) (local.get $ptr) (local.get $len))
    (drop (call $log (i32.const 2) (i32.const 448) (i32.add (i32.const 11) (local.get $len))))
    (drop (call $set_effective (global.get $stream)))
    (drop (call $continue (i32.const 0))))

  (func (export "proxy_on_grpc_close") (param i32) (param i32) (param $status i32)
    (drop (call $set_effective (global.get $stream)))
    (drop (call $local_reply (i32.const 429) (i32.const 0) (i32.const 0)
      (i32.const 416) (i32.const 11) (i32.const 0) (i32.const 0) (i32.const -1)))))
