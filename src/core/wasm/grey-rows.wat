;; The horizontal pass of greyAtSize (../grey.ts): RGBA rows to ITU-R 601 luma, area-averaged to
;; the output width. The same floating-point operations as the TypeScript it replaced, in the same
;; order (luma and sums in f64, weights read from f32, results rounded to f32), so grey planes,
;; and with them every fingerprint, are bit for bit the same.
;;
;; Why WebAssembly: this loop reads every source pixel, the largest share of a query's
;; fingerprinting, and runs cold on an extension worker's first page. Figures are in
;; tests/bench/README.md ("Window hash and grey plane in WebAssembly").
;;
;; The caller lays out memory and passes byte offsets: spans' start (i32) and count (i32) per
;; output pixel, their weights (f32, `stride` per output pixel), the RGBA rows, the output (f32).
(module
  (memory (export "memory") 1)

  (func (export "greyRows")
    (param $rgba i32) (param $srcW i32) (param $rows i32) (param $dstW i32)
    (param $starts i32) (param $counts i32) (param $weights i32) (param $stride i32) (param $out i32)
    (local $y i32) (local $x i32) (local $k i32) (local $n i32) (local $p i32) (local $w i32)
    (local $rowBase i32) (local $acc f64) (local $luma f64)
    (if (i32.or (i32.eqz (local.get $rows)) (i32.eqz (local.get $dstW))) (then (return)))
    (loop $eachRow
      (local.set $rowBase (i32.add (local.get $rgba) (i32.mul (local.get $y) (i32.shl (local.get $srcW) (i32.const 2)))))
      (local.set $x (i32.const 0))
      (loop $eachOut
        (local.set $acc (f64.const 0))
        (local.set $n (i32.load (i32.add (local.get $counts) (i32.shl (local.get $x) (i32.const 2)))))
        (local.set $p (i32.add (local.get $rowBase)
          (i32.shl (i32.load (i32.add (local.get $starts) (i32.shl (local.get $x) (i32.const 2)))) (i32.const 2))))
        (local.set $w (i32.add (local.get $weights) (i32.shl (i32.mul (local.get $x) (local.get $stride)) (i32.const 2))))
        (local.set $k (i32.const 0))
        (block $spanDone
          (loop $eachSource
            (br_if $spanDone (i32.ge_s (local.get $k) (local.get $n)))
            ;; fully transparent pixels count as white
            (local.set $luma
              (if (result f64) (i32.eqz (i32.load8_u offset=3 (local.get $p)))
                (then (f64.const 255))
                (else
                  (f64.add
                    (f64.add
                      (f64.mul (f64.const 0.299) (f64.convert_i32_u (i32.load8_u (local.get $p))))
                      (f64.mul (f64.const 0.587) (f64.convert_i32_u (i32.load8_u offset=1 (local.get $p)))))
                    (f64.mul (f64.const 0.114) (f64.convert_i32_u (i32.load8_u offset=2 (local.get $p))))))))
            (local.set $acc (f64.add (local.get $acc)
              (f64.mul (local.get $luma) (f64.promote_f32 (f32.load (local.get $w))))))
            (local.set $p (i32.add (local.get $p) (i32.const 4)))
            (local.set $w (i32.add (local.get $w) (i32.const 4)))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $eachSource)))
        (f32.store (local.get $out) (f32.demote_f64 (local.get $acc)))
        (local.set $out (i32.add (local.get $out) (i32.const 4)))
        (local.set $x (i32.add (local.get $x) (i32.const 1)))
        (br_if $eachOut (i32.lt_u (local.get $x) (local.get $dstW))))
      (local.set $y (i32.add (local.get $y) (i32.const 1)))
      (br_if $eachRow (i32.lt_u (local.get $y) (local.get $rows)))))
)
