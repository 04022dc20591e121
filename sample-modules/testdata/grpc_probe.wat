;; grpc_probe.wat (test module, ABI 0.2.1): drives one gRPC call or stream per request to cluster
;; "grpc", service "test.Echo", the method named by the request header x-method, with initial
;; metadata "x-client-md: hello", and logs every gRPC callback it gets, one line each:
;;   "initial <n> <x-server-md or ->"   proxy_on_grpc_receive_initial_metadata
;;   "receive <message>"                proxy_on_grpc_receive
;;   "trailing <n> <grpc-status or ->"  proxy_on_grpc_receive_trailing_metadata
;;   "close <status> <status message>"  proxy_on_grpc_close (status and message of proxy_get_status)
;; The request header x-grpc picks what it does:
;;   u  a unary call of "hello" (timeout 5 s); the request resumes on receive or close
;;   s  a stream: sends "one" and "two", then proxy_grpc_close (half-close); resumes on close
;;   e  a stream: sends "one", then "two" with end_stream; resumes on close
;;   c  a stream: sends "one" and "two"; cancels it in its first receive and resumes
;;   k  a unary call cancelled at once (proxy_grpc_cancel); the request goes on
;;   x  as u, and proxy_grpc_cancel of the call inside its proxy_on_grpc_receive (Envoy forgets
;;      the call only after that callback, so the cancel is Ok)
;;   p  as u, but naming the cluster as the C++ SDK does: a serialized GrpcService
;;      {envoy_grpc {cluster_name: "grpc"}, initial_metadata {key: "x-svc-md", value: "svc"}}
;; Each request pauses (StopIteration) except in mode k.
(module
  (import "env" "proxy_log" (func $log (param i32 i32 i32) (result i32)))
  (import "env" "proxy_get_header_map_value"
    (func $get_header (param i32 i32 i32 i32 i32) (result i32)))
  (import "env" "proxy_get_buffer_bytes" (func $get_buffer (param i32 i32 i32 i32 i32) (result i32)))
  (import "env" "proxy_get_status" (func $get_status (param i32 i32 i32) (result i32)))
  (import "env" "proxy_grpc_call" (func $grpc_call
    (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32) (result i32)))
  (import "env" "proxy_grpc_stream" (func $grpc_stream
    (param i32 i32 i32 i32 i32 i32 i32 i32 i32) (result i32)))
  (import "env" "proxy_grpc_send" (func $grpc_send (param i32 i32 i32 i32) (result i32)))
  (import "env" "proxy_grpc_close" (func $grpc_close (param i32) (result i32)))
  (import "env" "proxy_grpc_cancel" (func $grpc_cancel (param i32) (result i32)))
  (import "env" "proxy_set_effective_context" (func $set_effective (param i32) (result i32)))
  (import "env" "proxy_continue_stream" (func $continue (param i32) (result i32)))
  (memory (export "memory") 1)
  (global $heap (mut i32) (i32.const 16384))
  (global $stream (mut i32) (i32.const 0))
  (global $mode (mut i32) (i32.const 0))
  (global $line (mut i32) (i32.const 4096))

  (data (i32.const 256) "grpc")                    ;; 4
  (data (i32.const 264) "test.Echo")               ;; 9
  (data (i32.const 280) "x-grpc")                  ;; 6
  (data (i32.const 288) "x-method")                ;; 8
  (data (i32.const 300) "hello")                   ;; 5
  (data (i32.const 308) "one")                     ;; 3
  (data (i32.const 312) "two")                     ;; 3
  (data (i32.const 320) "initial ")                ;; 8
  (data (i32.const 332) "receive ")                ;; 8
  (data (i32.const 344) "trailing ")               ;; 9
  (data (i32.const 356) "close ")                  ;; 6
  (data (i32.const 364) "x-server-md")             ;; 11
  (data (i32.const 380) "grpc-status")             ;; 11
  ;; GrpcService {envoy_grpc {cluster_name: "grpc"}, initial_metadata {key: "x-svc-md", value: "svc"}}
  (data (i32.const 440) "\0a\06\0a\04grpc\2a\0f\0a\08x-svc-md\12\03svc")  ;; 25
  ;; one pair: x-client-md: hello
  (data (i32.const 400) "\01\00\00\00\0b\00\00\00\05\00\00\00x-client-md\00hello\00")  ;; 30

  (func (export "proxy_abi_version_0_2_1"))
  (func (export "proxy_on_memory_allocate") (param $size i32) (result i32)
    (local $p i32)
    (local.set $p (global.get $heap))
    (global.set $heap (i32.add (global.get $heap) (local.get $size)))
    (local.get $p))
  (func (export "proxy_on_context_create") (param i32 i32))
  (func (export "proxy_on_vm_start") (param i32 i32) (result i32) (i32.const 1))
  (func (export "proxy_on_configure") (param i32 i32) (result i32) (i32.const 1))

  ;; --- one log line built at 4096.. ---
  (func $put (param $ptr i32) (param $len i32)
    (memory.copy (global.get $line) (local.get $ptr) (local.get $len))
    (global.set $line (i32.add (global.get $line) (local.get $len))))
  (func $put_byte (param $b i32)
    (i32.store8 (global.get $line) (local.get $b))
    (global.set $line (i32.add (global.get $line) (i32.const 1))))
  (func $put_num (param $n i32)
    (if (i32.ge_u (local.get $n) (i32.const 10))
      (then (call $put_num (i32.div_u (local.get $n) (i32.const 10)))))
    (call $put_byte (i32.add (i32.const 48) (i32.rem_u (local.get $n) (i32.const 10)))))
  ;; puts the value of a header map entry, or "-" when there is none
  (func $put_value (param $map i32) (param $key i32) (param $klen i32)
    (if (i32.eqz (call $get_header (local.get $map) (local.get $key) (local.get $klen)
          (i32.const 64) (i32.const 68)))
      (then (call $put (i32.load (i32.const 64)) (i32.load (i32.const 68))))
      (else (call $put_byte (i32.const 45)))))
  (func $flush
    (drop (call $log (i32.const 2) (i32.const 4096) (i32.sub (global.get $line) (i32.const 4096))))
    (global.set $line (i32.const 4096)))
  (func $resume
    (drop (call $set_effective (global.get $stream)))
    (drop (call $continue (i32.const 0))))

  (func (export "proxy_on_request_headers") (param $ctx i32) (param i32) (param i32) (result i32)
    (local $token i32)
    (global.set $stream (local.get $ctx))
    (global.set $mode (i32.const 0))
    (if (i32.eqz (call $get_header (i32.const 0) (i32.const 280) (i32.const 6)
          (i32.const 64) (i32.const 68)))
      (then (global.set $mode (i32.load8_u (i32.load (i32.const 64))))))
    ;; the method name: x-method's value
    (drop (call $get_header (i32.const 0) (i32.const 288) (i32.const 8) (i32.const 72) (i32.const 76)))
    (if (i32.eq (global.get $mode) (i32.const 112))
      (then
        (global.set $mode (i32.const 117))
        (drop (call $grpc_call (i32.const 440) (i32.const 25) (i32.const 264) (i32.const 9)
          (i32.load (i32.const 72)) (i32.load (i32.const 76)) (i32.const 400) (i32.const 30)
          (i32.const 300) (i32.const 5) (i32.const 5000) (i32.const 80)))
        (return (i32.const 1))))
    (if (i32.or (i32.or (i32.eq (global.get $mode) (i32.const 117))
                        (i32.eq (global.get $mode) (i32.const 120)))
                (i32.eq (global.get $mode) (i32.const 107)))
      (then
        (drop (call $grpc_call (i32.const 256) (i32.const 4) (i32.const 264) (i32.const 9)
          (i32.load (i32.const 72)) (i32.load (i32.const 76)) (i32.const 400) (i32.const 30)
          (i32.const 300) (i32.const 5) (i32.const 5000) (i32.const 80)))
        (if (i32.eq (global.get $mode) (i32.const 107))
          (then
            (drop (call $grpc_cancel (i32.load (i32.const 80))))
            (return (i32.const 0))))
        (return (i32.const 1))))
    (if (i32.eqz (global.get $mode)) (then (return (i32.const 0))))
    (drop (call $grpc_stream (i32.const 256) (i32.const 4) (i32.const 264) (i32.const 9)
      (i32.load (i32.const 72)) (i32.load (i32.const 76)) (i32.const 400) (i32.const 30)
      (i32.const 80)))
    (local.set $token (i32.load (i32.const 80)))
    (drop (call $grpc_send (local.get $token) (i32.const 308) (i32.const 3) (i32.const 0)))
    (drop (call $grpc_send (local.get $token) (i32.const 312) (i32.const 3)
      (i32.eq (global.get $mode) (i32.const 101))))
    (if (i32.eq (global.get $mode) (i32.const 115))
      (then (drop (call $grpc_close (local.get $token)))))
    (i32.const 1))

  (func (export "proxy_on_grpc_receive_initial_metadata") (param i32) (param $token i32) (param $n i32)
    (call $put (i32.const 320) (i32.const 8))
    (call $put_num (local.get $n))
    (call $put_byte (i32.const 32))
    (call $put_value (i32.const 4) (i32.const 364) (i32.const 11))
    (call $flush))

  (func (export "proxy_on_grpc_receive") (param i32) (param $token i32) (param $size i32)
    (call $put (i32.const 332) (i32.const 8))
    (drop (call $get_buffer (i32.const 5) (i32.const 0) (local.get $size) (i32.const 64) (i32.const 68)))
    (call $put (i32.load (i32.const 64)) (i32.load (i32.const 68)))
    (call $flush)
    (if (i32.eq (global.get $mode) (i32.const 117)) (then (call $resume)))
    (if (i32.eq (global.get $mode) (i32.const 120))
      (then
        (drop (call $grpc_cancel (local.get $token)))
        (call $resume)))
    (if (i32.eq (global.get $mode) (i32.const 99))
      (then
        (drop (call $grpc_cancel (local.get $token)))
        (global.set $mode (i32.const 0))
        (call $resume))))

  (func (export "proxy_on_grpc_receive_trailing_metadata") (param i32) (param $token i32) (param $n i32)
    (call $put (i32.const 344) (i32.const 9))
    (call $put_num (local.get $n))
    (call $put_byte (i32.const 32))
    (call $put_value (i32.const 5) (i32.const 380) (i32.const 11))
    (call $flush))

  (func (export "proxy_on_grpc_close") (param i32) (param $token i32) (param $status i32)
    (call $put (i32.const 356) (i32.const 6))
    (call $put_num (local.get $status))
    (call $put_byte (i32.const 32))
    (drop (call $get_status (i32.const 64) (i32.const 68) (i32.const 72)))
    (call $put (i32.load (i32.const 68)) (i32.load (i32.const 72)))
    (call $flush)
    (call $resume)))
