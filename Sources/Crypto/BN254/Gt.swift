/// An element of Gt, the order-r subgroup of 𝔽ₚ¹²* that pairings land in.
@frozen
public struct Gt: Sendable, Hashable {
    public let value: Fp12

    @inlinable
    init(_ value: Fp12) {
        self.value = value
    }

    public static let identity: Gt = Gt(.one)

    public var isIdentity: Bool { value.isOne }

    public static func * (a: Gt, b: Gt) -> Gt { Gt(a.value * b.value) }

    /// The group inverse (conjugation: Gt lies in the cyclotomic subgroup).
    public var inverse: Gt { Gt(value.conjugate()) }

    /// a^k (variable time in k).
    public func power(_ k: Scalar) -> Gt {
        let e: Limbs = k.canonical
        var result: Fp12 = .one
        var i: Int = 255
        while i >= 0 {
            result = result.cyclotomicSquare()
            if bit(e, i) == 1 { result = result * value }
            i -= 1
        }
        return Gt(result)
    }
}
