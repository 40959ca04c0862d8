/// The base-2 logarithm of a positive finite `x`, without the C math library (the core
/// imports neither Foundation nor Glibc). Exact for powers of two; within a few ulps
/// otherwise, which is all the secret scanner's entropy threshold needs.
func log2(_ x: Double) -> Double {
    precondition(x > 0 && x.isFinite, "log2 of a non-positive or non-finite value")
    var e = Double(x.exponent)
    var m = x.significand  // in [1, 2)
    if m > 2.0.squareRoot() {
        m /= 2
        e += 1
    }
    if m == 1 { return e }
    // ln m = 2 atanh(z) = 2 (z + z^3/3 + z^5/5 + ...), with |z| < 0.172.
    let z = (m - 1) / (m + 1), z2 = z * z
    var term = z, sum = 0.0
    for k in 0..<24 {
        sum += term / Double(2 * k + 1)
        term *= z2
    }
    return e + 2 * sum / 0.693_147_180_559_945_309_417_232_121_458_176_568
}
