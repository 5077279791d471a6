;; The PDQ index's distance kernel: Hamming distances of 256-bit hashes with the processor's own popcount, over
;; hashes kept in this module's memory (8 little-endian 32-bit words a hash, 32 bytes apart). Built into
;; pdq-kernel.wasm by `npm run build:wasm`; a test checks that the committed binary is this source.
(module
  (memory (export "memory") 1)
  ;; Keeps the reads ahead from being optimised away.
  (global $touched (mut i32) (i32.const 0))

;; probe(q, runs, nruns, hashes, max, out) -> kept
  ;; runs holds nruns (start, end) byte addresses of runs of hash numbers (u32 each). Writes a (hash number,
  ;; distance, run) triple to out for every entry of the runs within max bits of the hash at q, in order; returns
  ;; how many.
  (func (export "probe")
    (param $q i32) (param $runs i32) (param $nruns i32) (param $h i32) (param $max i32) (param $out i32)
    (result i32)
    (local $q0 i64) (local $q1 i64) (local $q2 i64) (local $q3 i64)
    (local $r i32) (local $runsEnd i32) (local $e i32) (local $end i32) (local $slot i32) (local $o i32)
    (local $d i32) (local $kept i32) (local $acc i32) (local $w i32)
    (local.set $runsEnd (i32.add (local.get $runs) (i32.shl (local.get $nruns) (i32.const 3))))
    ;; The reads come first, each pass in a loop that does nothing else, so the processor has many of these
    ;; scattered reads in flight at once: the first entry of every run, then every entry's hash; the comparisons
    ;; then run on memory already at hand.
    (local.set $r (local.get $runs))
    (block $runs_read
      (loop $run_heads
        (br_if $runs_read (i32.ge_u (local.get $r) (local.get $runsEnd)))
        (local.set $e (i32.load (local.get $r)))
        (if (i32.lt_u (local.get $e) (i32.load offset=4 (local.get $r)))
          (then (local.set $acc (i32.xor (local.get $acc) (i32.load (local.get $e))))))
        (local.set $r (i32.add (local.get $r) (i32.const 8)))
        (br $run_heads)))
    (local.set $r (local.get $runs))
    (block $hashes_read
      (loop $run_hashes
        (br_if $hashes_read (i32.ge_u (local.get $r) (local.get $runsEnd)))
        (local.set $e (i32.load (local.get $r)))
        (local.set $end (i32.load offset=4 (local.get $r)))
        (block $run_done
          (loop $entry
            (br_if $run_done (i32.ge_u (local.get $e) (local.get $end)))
            (local.set $acc (i32.xor (local.get $acc)
              (i32.load (i32.add (local.get $h) (i32.shl (i32.load (local.get $e)) (i32.const 5))))))
            (local.set $e (i32.add (local.get $e) (i32.const 4)))
            (br $entry)))
        (local.set $r (i32.add (local.get $r) (i32.const 8)))
        (br $run_hashes)))
    (global.set $touched (local.get $acc))
    (local.set $q0 (i64.load (local.get $q)))
    (local.set $q1 (i64.load offset=8 (local.get $q)))
    (local.set $q2 (i64.load offset=16 (local.get $q)))
    (local.set $q3 (i64.load offset=24 (local.get $q)))
    (local.set $r (local.get $runs))
    (block $compared
      (loop $run_compare
        (br_if $compared (i32.ge_u (local.get $r) (local.get $runsEnd)))
        (local.set $e (i32.load (local.get $r)))
        (local.set $end (i32.load offset=4 (local.get $r)))
        (block $run_done
          (loop $entry
            (br_if $run_done (i32.ge_u (local.get $e) (local.get $end)))
            (local.set $slot (i32.load (local.get $e)))
            (local.set $o (i32.add (local.get $h) (i32.shl (local.get $slot) (i32.const 5))))
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
                    (local.set $w (i32.add (local.get $out) (i32.mul (local.get $kept) (i32.const 12))))
                    (i32.store (local.get $w) (local.get $slot))
                    (i32.store offset=4 (local.get $w) (local.get $d))
                    (i32.store offset=8 (local.get $w)
                      (i32.shr_u (i32.sub (local.get $r) (local.get $runs)) (i32.const 3)))
                    (local.set $kept (i32.add (local.get $kept) (i32.const 1)))))))
            (local.set $e (i32.add (local.get $e) (i32.const 4)))
            (br $entry)))
        (local.set $r (i32.add (local.get $r) (i32.const 8)))
        (br $run_compare)))
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
