;; The chance-rate pass (ChanceRates in ../chance-rates.ts): how many reference windows of other
;; photos lie at each Hamming distance 0..16 from one window's 64-bit code.
;;
;; Why WebAssembly: a query rates each agreeing window of its verified candidates against the whole
;; reference (8,192 windows), and at 10^5 photos those windows are mostly new to the cache, so this
;; loop ran on hundreds of windows per query. In JavaScript a 64-bit Hamming distance is two 32-bit
;; popcounts of five steps each; here it is one i64.popcnt. Figures: tests/bench/README.md
;; ("sixth look").
;;
;; Memory (byte offsets; 2 pages hold a reference of 8,192, the loader grows it for more). The
;; loader writes the reference once; `count` fills the histogram.
;;   0           histogram  17 x i32 (distances 0..16)
;;   128         codes      n x i64 (low word first: the window's lo, then its hi)
;;   128 + 8n    photos     n x i32 (the photo each reference window belongs to)
(module
  (memory (export "memory") 2)

  ;; Clears the histogram, counts reference windows of photos other than $photo at each distance
  ;; up to 16 from (hi, lo), and returns how many windows of other photos it saw.
  (func (export "count") (param $hi i32) (param $lo i32) (param $photo i32) (param $n i32) (result i32)
    (local $code i64) (local $k i32) (local $d i32) (local $others i32) (local $photos i32) (local $at i32)
    (memory.fill (i32.const 0) (i32.const 0) (i32.const 68))
    (if (i32.eqz (local.get $n)) (then (return (i32.const 0))))
    (local.set $code (i64.or (i64.shl (i64.extend_i32_u (local.get $hi)) (i64.const 32)) (i64.extend_i32_u (local.get $lo))))
    (local.set $photos (i32.add (i32.const 128) (i32.shl (local.get $n) (i32.const 3))))
    (loop $next
      (if (i32.ne (i32.load (i32.add (local.get $photos) (i32.shl (local.get $k) (i32.const 2)))) (local.get $photo))
        (then
          (local.set $others (i32.add (local.get $others) (i32.const 1)))
          (local.set $d (i32.wrap_i64 (i64.popcnt (i64.xor (local.get $code)
            (i64.load (i32.add (i32.const 128) (i32.shl (local.get $k) (i32.const 3))))))))
          (if (i32.le_u (local.get $d) (i32.const 16))
            (then
              (local.set $at (i32.shl (local.get $d) (i32.const 2)))
              (i32.store (local.get $at) (i32.add (i32.load (local.get $at)) (i32.const 1)))))))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br_if $next (i32.lt_u (local.get $k) (local.get $n))))
    (local.get $others))
)
