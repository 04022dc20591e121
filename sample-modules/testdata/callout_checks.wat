;; callout_checks.wat (test module, ABI 0.2.1): makes the calls Envoy rejects and logs the statuses.
;;
;; On request headers it calls
;;   1. proxy_http_call to cluster "backend" with :method and :path but no :authority
;;      (Envoy: BadArgument, the three pseudo-headers are required),
;;   2. proxy_http_call to cluster "nope" with all three (Envoy: BadArgument, unknown cluster),
;;   3. proxy_call_foreign_function("no_such_function") (NotFound),
;; then logs "callout_checks: missing_authority=S1 unknown_cluster=S2 foreign=S3" and continues.
(module
  (import "env" "proxy_http_call"
    (func $http_call (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32) (result i32)))
  (import "env" "proxy_call_foreign_function"
    (func $foreign (param i32 i32 i32 i32 i32 i32) (result i32)))
  (import "env" "proxy_log" (func $log (param i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (global $heap (mut i32) (i32.const 4096))

  ;; Serialized maps (u32 count, u32 lengths, then NUL-terminated names and values).
  ;; [":method" "GET"] [":path" "/"]: 40 bytes
  (data (i32.const 256)
    "\02\00\00\00" "\07\00\00\00\03\00\00\00" "\05\00\00\00\01\00\00\00"
    ":method\00GET\00" ":path\00/\00")
  ;; the same plus [":authority" "x"]: 61 bytes
  (data (i32.const 512)
    "\03\00\00\00" "\07\00\00\00\03\00\00\00" "\05\00\00\00\01\00\00\00" "\0a\00\00\00\01\00\00\00"
    ":method\00GET\00" ":path\00/\00" ":authority\00x\00")
  (data (i32.const 768) "backend")
  (data (i32.const 800) "nope")
  (data (i32.const 832) "no_such_function")
  ;; 63 bytes; the digits go at offsets 34, 52 and 62.
  (data (i32.const 1024) "callout_checks: missing_authority=? unknown_cluster=? foreign=?")

  (func (export "proxy_abi_version_0_2_1"))
  (func (export "proxy_on_memory_allocate") (param $size i32) (result i32)
    (local $p i32)
    (local.set $p (global.get $heap))
    (global.set $heap (i32.add (global.get $heap) (local.get $size)))
    (local.get $p))
  (func (export "proxy_on_context_create") (param i32 i32))
  (func (export "proxy_on_vm_start") (param i32 i32) (result i32) (i32.const 1))
  (func (export "proxy_on_configure") (param i32 i32) (result i32) (i32.const 1))

  (func $digit (param $at i32) (param $status i32)
    (i32.store8 (local.get $at) (i32.add (i32.const 48) (local.get $status))))

  (func (export "proxy_on_request_headers") (param i32 i32 i32) (result i32)
    (call $digit (i32.const 1058)
      (call $http_call (i32.const 768) (i32.const 7) (i32.const 256) (i32.const 40)
        (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 1000) (i32.const 64)))
    (call $digit (i32.const 1076)
      (call $http_call (i32.const 800) (i32.const 4) (i32.const 512) (i32.const 61)
        (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 1000) (i32.const 64)))
    (call $digit (i32.const 1086)
      (call $foreign (i32.const 832) (i32.const 16) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0)))
    (drop (call $log (i32.const 2) (i32.const 1024) (i32.const 63)))
    (i32.const 0)))
