// Gt.swift — the target group, the order-r subgroup of 𝔽ₚ¹²*.

/// An element of Gt (written multiplicatively): the reduced optimal ate pairing value, as in other
/// BLS12-381 libraries (up to their serialization of 𝔽ₚ¹²).
public struct Gt: Sendable, Hashable {
    public var value: Fp12
    public init(_ value: Fp12) { self.value = value }

    public static let identity = Gt(.one)
    public static func * (a: Gt, b: Gt) -> Gt { Gt(a.value * b.value) }
    public var isIdentity: Bool { value.isOne }

    /// Public-exponent power (variable time).
    public func pow(vartimeScalar s: Scalar) -> Gt {
        var acc = Fp12.one
        for limb in s.canonicalLimbs.reversed() {
            for i in stride(from: 63, through: 0, by: -1) {
                acc = acc.cyclotomicSquared()
                if (limb >> UInt64(i)) & 1 == 1 { acc = acc * value }
            }
        }
        return Gt(acc)
    }
}
