;; guest_exports.wat (test module, not a filter): exports of the shapes the host calls a guest
;; with, for the tests of how the host calls exports (engine GuestExport). No imports, so a test
;; can instantiate it bare on either of Chicory's machines.
;;   negate(i32) -> i32        0 - x (a negative result must come back sign-extended)
;;   sum5(i32 x5) -> i32       the five arguments added
;;   count(i32)                adds x to a counter; returns nothing
;;   counted() -> i32          the counter
;;   triple(i64) -> i64        3 * x
;;   half(f32) -> f32          x / 2 (a float export: the host takes Chicory's public path)
;;   deep(i32) -> i32          calls itself without end (not a tail call): the stack runs out
(module
  (memory (export "memory") 1)
  (global $counter (mut i32) (i32.const 0))
  (func (export "negate") (param $x i32) (result i32)
    (i32.sub (i32.const 0) (local.get $x)))
  (func (export "sum5") (param i32 i32 i32 i32 i32) (result i32)
    (i32.add (local.get 0)
      (i32.add (local.get 1)
        (i32.add (local.get 2) (i32.add (local.get 3) (local.get 4))))))
  (func (export "count") (param $x i32)
    (global.set $counter (i32.add (global.get $counter) (local.get $x))))
  (func (export "counted") (result i32)
    (global.get $counter))
  (func (export "triple") (param $x i64) (result i64)
    (i64.mul (local.get $x) (i64.const 3)))
  (func (export "half") (param $x f32) (result f32)
    (f32.mul (local.get $x) (f32.const 0.5)))
  (func $deep (export "deep") (param $x i32) (result i32)
    (i32.add (i32.const 1) (call $deep (i32.add (local.get $x) (i32.const 1))))))
