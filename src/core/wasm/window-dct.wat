;; The window hash's arithmetic (TileHasher in ../tile-hash.ts): block means from the 17x17 grid
;; corners, their contrast, the row and column DCT passes, the median of the 64 coefficients and
;; the code's bits. Every floating-point operation is the one the TypeScript it replaced did, in
;; the same order (WebAssembly's f64 is IEEE binary64 and never fuses or reorders; f64x2 lanes are
;; two such sums side by side), so codes are bit for bit the same and existing indexes stay valid.
;; That TypeScript is kept as the tests' reference: tests/core/window-dct-reference.ts.
;;
;; cos((2c+1)u.pi/2N) is symmetric in c <-> N-1-c for even u and antisymmetric for odd u, so each
;; transform runs on half-length sums (even u) or differences (odd u): half the products. The
;; median comes from a quickselect: a full sort per window cost a third of the hash.
;;
;; Why WebAssembly: in a fresh process or a just-woken extension worker, this loop runs thousands
;; of times before V8 has optimised it; WebAssembly is compiled before its first call. Measured
;; figures are in tests/bench/README.md ("Window hash and grey plane in WebAssembly").
;;
;; Memory (byte offsets; all f64 arrays 8-aligned). The caller writes the corners; the cosine
;; table and zigzag order are written once by the loader from tile-hash.ts's own tables.
;;   0      corners   289 f64
;;   2312   blocks    256 f64
;;   4360   rowFreq   16 x 12 f64
;;   5896   folded    16 f64
;;   6024   colFolds  12 x 16 f64
;;   7560   coefs     64 f64
;;   8072   sorted    64 f64
;;   8584   cos       12 x 16 f64
;;   10120  zigzag u  64 u8
;;   10184  zigzag v  64 u8
;;   10248  out hi, out lo  2 x i32
;;   10256  cos pairs  6 x 8 x f64x2: the first halves of cos rows u and u + 2, interleaved
;;   11024  row-pass pair starts: 0 4 8 1 5 9 (6 u8)
(module
  (memory (export "memory") 1)

  ;; out[0..8) = x[c] + x[15-c], out[8..16) = x[c] - x[15-c], for x[start + c*step] (byte addresses).
  (func $fold (param $x i32) (param $step i32) (param $out i32)
    (local $c i32) (local $a f64) (local $b f64)
    (loop $next
      (local.set $a (f64.load (i32.add (local.get $x) (i32.mul (local.get $c) (local.get $step)))))
      (local.set $b (f64.load (i32.add (local.get $x) (i32.mul (i32.sub (i32.const 15) (local.get $c)) (local.get $step)))))
      (f64.store (i32.add (local.get $out) (i32.shl (local.get $c) (i32.const 3))) (f64.add (local.get $a) (local.get $b)))
      (f64.store (i32.add (local.get $out) (i32.shl (i32.add (local.get $c) (i32.const 8)) (i32.const 3))) (f64.sub (local.get $a) (local.get $b)))
      (local.set $c (i32.add (local.get $c) (i32.const 1)))
      (br_if $next (i32.lt_u (local.get $c) (i32.const 8)))))

  ;; The DCT sum at frequency u from folded input at $folded: sums for even u, differences for odd u.
  (func $halfDot (param $folded i32) (param $u i32) (result f64)
    (local $c i32) (local $acc f64) (local $src i32) (local $cos i32)
    (local.set $src (i32.add (local.get $folded) (i32.shl (i32.and (local.get $u) (i32.const 1)) (i32.const 6))))
    (local.set $cos (i32.add (i32.const 8584) (i32.shl (local.get $u) (i32.const 7))))
    (local.set $acc (f64.const 0))
    (loop $next
      (local.set $acc (f64.add (local.get $acc)
        (f64.mul (f64.load (i32.add (local.get $src) (i32.shl (local.get $c) (i32.const 3))))
                 (f64.load (i32.add (local.get $cos) (i32.shl (local.get $c) (i32.const 3)))))))
      (local.set $c (i32.add (local.get $c) (i32.const 1)))
      (br_if $next (i32.lt_u (local.get $c) (i32.const 8))))
    (local.get $acc))

  ;; Row frequencies u and u + 2 of the folded row at 5896, for pair p of (0, 2), (4, 6), (8, 10),
  ;; (1, 3), (5, 7), (9, 11): cos rows interleaved per pair at 10256 (8 x f64x2 each), results
  ;; stored at rowFreq row `dst` + u and + u + 2.
  (func $pairDot (param $p i32) (param $dst i32)
    (local $c i32) (local $acc v128) (local $src i32) (local $cos i32) (local $u i32)
    (local.set $u (i32.load8_u offset=11024 (local.get $p)))
    (local.set $src (i32.add (i32.const 5896) (i32.shl (i32.and (local.get $u) (i32.const 1)) (i32.const 6))))
    (local.set $cos (i32.add (i32.const 10256) (i32.shl (local.get $p) (i32.const 7))))
    (local.set $acc (v128.const f64x2 0 0))
    (loop $next
      (local.set $acc (f64x2.add (local.get $acc)
        (f64x2.mul (v128.load64_splat (i32.add (local.get $src) (i32.shl (local.get $c) (i32.const 3))))
                   (v128.load (i32.add (local.get $cos) (i32.shl (local.get $c) (i32.const 4)))))))
      (local.set $c (i32.add (local.get $c) (i32.const 1)))
      (br_if $next (i32.lt_u (local.get $c) (i32.const 8))))
    (f64.store (i32.add (local.get $dst) (i32.shl (local.get $u) (i32.const 3))) (f64x2.extract_lane 0 (local.get $acc)))
    (f64.store offset=16 (i32.add (local.get $dst) (i32.shl (local.get $u) (i32.const 3))) (f64x2.extract_lane 1 (local.get $acc))))

  ;; The k-th smallest of the 64 values at `sorted` (Hoare quickselect, reorders them): on return
  ;; the values before k are at most it and those after at least it.
  (func $selectKth (param $k i32) (result f64)
    (local $lo i32) (local $hi i32) (local $i i32) (local $j i32) (local $pivot f64) (local $t f64)
    (local.set $hi (i32.const 63))
    (block $done
      (loop $narrow
        (br_if $done (i32.ge_s (local.get $lo) (local.get $hi)))
        (local.set $pivot (f64.load offset=8072 (i32.shl (i32.shr_s (i32.add (local.get $lo) (local.get $hi)) (i32.const 1)) (i32.const 3))))
        (local.set $i (local.get $lo))
        (local.set $j (local.get $hi))
        (block $partitioned
          (loop $swap
            (br_if $partitioned (i32.gt_s (local.get $i) (local.get $j)))
            (block $stopI (loop $stepI
              (br_if $stopI (i32.eqz (f64.lt (f64.load offset=8072 (i32.shl (local.get $i) (i32.const 3))) (local.get $pivot))))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br $stepI)))
            (block $stopJ (loop $stepJ
              (br_if $stopJ (i32.eqz (f64.gt (f64.load offset=8072 (i32.shl (local.get $j) (i32.const 3))) (local.get $pivot))))
              (local.set $j (i32.sub (local.get $j) (i32.const 1)))
              (br $stepJ)))
            (if (i32.le_s (local.get $i) (local.get $j))
              (then
                (local.set $t (f64.load offset=8072 (i32.shl (local.get $i) (i32.const 3))))
                (f64.store offset=8072 (i32.shl (local.get $i) (i32.const 3)) (f64.load offset=8072 (i32.shl (local.get $j) (i32.const 3))))
                (f64.store offset=8072 (i32.shl (local.get $j) (i32.const 3)) (local.get $t))
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (local.set $j (i32.sub (local.get $j) (i32.const 1)))))
            (br $swap)))
        (if (i32.le_s (local.get $k) (local.get $j))
          (then (local.set $hi (local.get $j)) (br $narrow)))
        (if (i32.ge_s (local.get $k) (local.get $i))
          (then (local.set $lo (local.get $i)) (br $narrow)))
        (return (f64.load offset=8072 (i32.shl (local.get $k) (i32.const 3))))))
    (f64.load offset=8072 (i32.shl (local.get $k) (i32.const 3))))

  ;; The code (written at 10248) and contrast of the window whose grid corners are at 0, each block
  ;; `area` pixels. Under `minContrast` the DCT is skipped and the code left as it was.
  (func (export "fromCorners") (param $area f64) (param $minContrast f64) (result f64)
    (local $r i32) (local $c i32) (local $i i32) (local $m f64) (local $sum f64) (local $sum2 f64)
    (local $mean f64) (local $contrast f64) (local $u i32) (local $k i32) (local $a f64)
    (local $lower f64) (local $upper f64) (local $median f64) (local $hi i32) (local $lo i32)
    ;; block means, their sum and sum of squares
    (loop $rows
      (local.set $c (i32.const 0))
      (loop $cols
        (local.set $i (i32.shl (i32.add (i32.mul (local.get $r) (i32.const 17)) (local.get $c)) (i32.const 3)))
        (local.set $m (f64.div
          (f64.add
            (f64.sub
              (f64.sub (f64.load offset=144 (local.get $i)) (f64.load offset=8 (local.get $i)))
              (f64.load offset=136 (local.get $i)))
            (f64.load (local.get $i)))
          (local.get $area)))
        (f64.store offset=2312 (i32.shl (i32.add (i32.shl (local.get $r) (i32.const 4)) (local.get $c)) (i32.const 3)) (local.get $m))
        (local.set $sum (f64.add (local.get $sum) (local.get $m)))
        (local.set $sum2 (f64.add (local.get $sum2) (f64.mul (local.get $m) (local.get $m))))
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (br_if $cols (i32.lt_u (local.get $c) (i32.const 16))))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br_if $rows (i32.lt_u (local.get $r) (i32.const 16))))
    (local.set $mean (f64.div (local.get $sum) (f64.const 256)))
    (local.set $contrast (f64.sqrt (f64.max (f64.const 0)
      (f64.sub (f64.div (local.get $sum2) (f64.const 256)) (f64.mul (local.get $mean) (local.get $mean))))))
    (if (f64.lt (local.get $contrast) (local.get $minContrast)) (then (return (local.get $contrast))))
    ;; row pass: frequencies 0..11 of each row (10 and 11 are not used), two per f64x2: each lane
    ;; sums its own products in the scalar order, so every value is the scalar one
    (local.set $r (i32.const 0))
    (loop $rowPass
      (call $fold (i32.add (i32.const 2312) (i32.shl (local.get $r) (i32.const 7))) (i32.const 8) (i32.const 5896))
      (local.set $u (i32.const 0))
      (loop $pairs
        (call $pairDot (local.get $u) (i32.add (i32.const 4360) (i32.mul (local.get $r) (i32.const 96))))
        (local.set $u (i32.add (local.get $u) (i32.const 1)))
        (br_if $pairs (i32.lt_u (local.get $u) (i32.const 6))))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br_if $rowPass (i32.lt_u (local.get $r) (i32.const 16))))
    ;; column folds of each row frequency
    (local.set $u (i32.const 0))
    (loop $colPass
      (call $fold (i32.add (i32.const 4360) (i32.shl (local.get $u) (i32.const 3))) (i32.const 96)
        (i32.add (i32.const 6024) (i32.shl (local.get $u) (i32.const 7))))
      (local.set $u (i32.add (local.get $u) (i32.const 1)))
      (br_if $colPass (i32.lt_u (local.get $u) (i32.const 10))))
    ;; the 64 zigzag coefficients, twice: in order and to be selected in
    (loop $coefs
      (local.set $a (call $halfDot
        (i32.add (i32.const 6024) (i32.shl (i32.load8_u offset=10120 (local.get $k)) (i32.const 7)))
        (i32.load8_u offset=10184 (local.get $k))))
      (f64.store offset=7560 (i32.shl (local.get $k) (i32.const 3)) (local.get $a))
      (f64.store offset=8072 (i32.shl (local.get $k) (i32.const 3)) (local.get $a))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br_if $coefs (i32.lt_u (local.get $k) (i32.const 64))))
    ;; median: the 32nd smallest, and the least of what selection left after it
    (local.set $lower (call $selectKth (i32.const 31)))
    (local.set $upper (f64.load offset=8328 (i32.const 0)))
    (local.set $k (i32.const 33))
    (loop $least
      (if (f64.lt (f64.load offset=8072 (i32.shl (local.get $k) (i32.const 3))) (local.get $upper)) (then (local.set $upper (f64.load offset=8072 (i32.shl (local.get $k) (i32.const 3))))))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br_if $least (i32.lt_u (local.get $k) (i32.const 64))))
    (local.set $median (f64.div (f64.add (local.get $lower) (local.get $upper)) (f64.const 2)))
    (local.set $k (i32.const 0))
    (loop $bits
      (if (f64.gt (f64.load offset=7560 (i32.shl (local.get $k) (i32.const 3))) (local.get $median))
        (then (local.set $hi (i32.or (local.get $hi) (i32.shl (i32.const 1) (i32.sub (i32.const 31) (local.get $k)))))))
      (if (f64.gt (f64.load offset=7816 (i32.shl (local.get $k) (i32.const 3))) (local.get $median))
        (then (local.set $lo (i32.or (local.get $lo) (i32.shl (i32.const 1) (i32.sub (i32.const 31) (local.get $k)))))))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br_if $bits (i32.lt_u (local.get $k) (i32.const 32))))
    (i32.store (i32.const 10248) (local.get $hi))
    (i32.store (i32.const 10252) (local.get $lo))
    (local.get $contrast))
)
