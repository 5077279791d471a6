;; The PDQ index's distance kernel: Hamming distances of 256-bit hashes with the processor's own popcount, over
;; hashes kept in this module's memory (8 little-endian 32-bit words a hash, 32 bytes apart). Built into
;; pdq-kernel.wasm by `npm run build:wasm`; a test checks that the committed binary is this source.
(module
  (memory (export "memory") 1)
  ;; Keeps the reads ahead from being optimised away.
  (global $touched (mut i32) (i32.const 0))

  ;; filter(q, cand, n, hashes, max, out) -> kept
  ;; For the n hash numbers at cand (u32 each), writes (position in cand, distance) pairs to out for those within
  ;; max bits of the hash at q, in order; returns how many.
  (func (export "filter")
    (param $q i32) (param $cand i32) (param $n i32) (param $h i32) (param $max i32) (param $out i32) (result i32)
    (local $q0 i64) (local $q1 i64) (local $q2 i64) (local $q3 i64)
    (local $j i32) (local $end i32) (local $o i32) (local $d i32) (local $kept i32) (local $acc i32)
    (local.set $end (i32.add (local.get $cand) (i32.shl (local.get $n) (i32.const 2))))
    ;; First every candidate's hash is only read, in a loop that does nothing else, so the processor has many of
    ;; these scattered reads in flight at once; the comparisons then run on memory already at hand.
    (local.set $j (local.get $cand))
    (block $read_all
      (br_if $read_all (i32.ge_u (local.get $j) (local.get $end)))
      (loop $read
        (local.set $acc (i32.xor (local.get $acc)
          (i32.load (i32.add (local.get $h) (i32.shl (i32.load (local.get $j)) (i32.const 5))))))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (br_if $read (i32.lt_u (local.get $j) (local.get $end)))))
    (global.set $touched (local.get $acc))
    (local.set $q0 (i64.load (local.get $q)))
    (local.set $q1 (i64.load offset=8 (local.get $q)))
    (local.set $q2 (i64.load offset=16 (local.get $q)))
    (local.set $q3 (i64.load offset=24 (local.get $q)))
    (local.set $j (local.get $cand))
    (block $done
      (br_if $done (i32.ge_u (local.get $j) (local.get $end)))
      (loop $next
        (local.set $o (i32.add (local.get $h) (i32.shl (i32.load (local.get $j)) (i32.const 5))))
        ;; the first half rejects nearly every unrelated hash
        (local.set $d (i32.wrap_i64 (i64.add
          (i64.popcnt (i64.xor (i64.load (local.get $o)) (local.get $q0)))
          (i64.popcnt (i64.xor (i64.load offset=8 (local.get $o)) (local.get $q1))))))
        (if (i32.le_u (local.get $d) (local.get $max))
          (then
            (local.set $d (i32.add (local.get $d) (i32.wrap_i64 (i64.add
              (i64.popcnt (i64.xor (i64.load offset=16 (local.get $o)) (local.get $q2)))
              (i64.popcnt (i64.xor (i64.load offset=24 (local.get $o)) (local.get $q3)))))))
            (if (i32.le_u (local.get $d) (local.get $max))
              (then
                (i32.store (i32.add (local.get $out) (i32.shl (local.get $kept) (i32.const 3)))
                  (i32.shr_u (i32.sub (local.get $j) (local.get $cand)) (i32.const 2)))
                (i32.store offset=4 (i32.add (local.get $out) (i32.shl (local.get $kept) (i32.const 3)))
                  (local.get $d))
                (local.set $kept (i32.add (local.get $kept) (i32.const 1)))))))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (br_if $next (i32.lt_u (local.get $j) (local.get $end)))))
    (local.get $kept))

  ;; scan(q, hashes, n, max, out, cap) -> found
  ;; Compares the hash at q with each of the n hashes from hashes on; writes (hash number, distance) pairs of
  ;; those within max bits to out, at most cap of them, and returns how many there are in all.
  (func (export "scan")
    (param $q i32) (param $h i32) (param $n i32) (param $max i32) (param $out i32) (param $cap i32) (result i32)
    (local $q0 i64) (local $q1 i64) (local $q2 i64) (local $q3 i64)
    (local $s i32) (local $o i32) (local $d i32) (local $found i32)
    (local.set $q0 (i64.load (local.get $q)))
    (local.set $q1 (i64.load offset=8 (local.get $q)))
    (local.set $q2 (i64.load offset=16 (local.get $q)))
    (local.set $q3 (i64.load offset=24 (local.get $q)))
    (local.set $o (local.get $h))
    (block $done
      (br_if $done (i32.eqz (local.get $n)))
      (loop $next
        (local.set $d (i32.wrap_i64 (i64.add
          (i64.popcnt (i64.xor (i64.load (local.get $o)) (local.get $q0)))
          (i64.popcnt (i64.xor (i64.load offset=8 (local.get $o)) (local.get $q1))))))
        (if (i32.le_u (local.get $d) (local.get $max))
          (then
            (local.set $d (i32.add (local.get $d) (i32.wrap_i64 (i64.add
              (i64.popcnt (i64.xor (i64.load offset=16 (local.get $o)) (local.get $q2)))
              (i64.popcnt (i64.xor (i64.load offset=24 (local.get $o)) (local.get $q3)))))))
            (if (i32.le_u (local.get $d) (local.get $max))
              (then
                (if (i32.lt_u (local.get $found) (local.get $cap))
                  (then
                    (i32.store (i32.add (local.get $out) (i32.shl (local.get $found) (i32.const 3))) (local.get $s))
                    (i32.store offset=4 (i32.add (local.get $out) (i32.shl (local.get $found) (i32.const 3)))
                      (local.get $d))))
                (local.set $found (i32.add (local.get $found) (i32.const 1)))))))
        (local.set $o (i32.add (local.get $o) (i32.const 32)))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (br_if $next (i32.lt_u (local.get $s) (local.get $n)))))
    (local.get $found))
)
