/// mcl's decimal text for G2 (`bn254-eigen-bls.md` §3.1): `"0"` for the identity, otherwise
/// `"1 <x_real> <x_imag> <y_real> <y_imag>"` — real part first, the opposite of the EVM order.
extension G2Affine {
    /// Strict parse: exactly `"0"`, or `"1"` and four canonical decimal integers < p separated by
    /// single spaces; the point must be on the twist and in the order-r subgroup (mcl's BN setup
    /// disables its subgroup check; we do not).
    public init(mclString text: some StringProtocol) throws(DecodingFailure) {
        let fields: [Substring] = try mclFields(text, expectedCoordinates: 4)
        if fields.isEmpty {
            self = .identity
            return
        }
        let x: Fp2 = Fp2(c0: try mclCoordinate(fields[0]), c1: try mclCoordinate(fields[1]))
        let y: Fp2 = Fp2(c0: try mclCoordinate(fields[2]), c1: try mclCoordinate(fields[3]))
        try self.init(x: x, y: y)
    }

    /// `"0"` or `"1 x_real x_imag y_real y_imag"`.
    public var mclString: String {
        isIdentity ? "0" : "1 \(x.c0.decimal) \(x.c1.decimal) \(y.c0.decimal) \(y.c1.decimal)"
    }
}

/// The coordinate lists of EigenLayer's subgraph and Zellular's node files and `/node/state`
/// (`bn254-eigen-bls.md` §3.2): `pubkeyG2_X = [x_imag, x_real]`, `pubkeyG2_Y = [y_imag, y_real]`
/// — the EVM order, imaginary part first. eigensdk's `G2Point(xa, xb, ya, yb)` takes them in
/// this order and builds the mcl string `"1 xb xa yb ya"`.
extension G2Affine {
    /// Decodes the two lists given as decimal digit strings (JSON numbers must be handed over as
    /// their exact digit text, never through `Double`). All four zero is the identity (EVM
    /// convention); otherwise the point must be on the twist and in the subgroup.
    public init(pubkeyG2X: [String], pubkeyG2Y: [String]) throws(DecodingFailure) {
        guard pubkeyG2X.count == 2, pubkeyG2Y.count == 2 else { throw .badEncoding }
        let xImaginary: Fp = try mclCoordinate(Substring(pubkeyG2X[0]))
        let xReal: Fp = try mclCoordinate(Substring(pubkeyG2X[1]))
        let yImaginary: Fp = try mclCoordinate(Substring(pubkeyG2Y[0]))
        let yReal: Fp = try mclCoordinate(Substring(pubkeyG2Y[1]))
        let x: Fp2 = Fp2(c0: xReal, c1: xImaginary)
        let y: Fp2 = Fp2(c0: yReal, c1: yImaginary)
        if x.isZero && y.isZero {
            self = .identity
            return
        }
        try self.init(x: x, y: y)
    }

    /// `[x_imag, x_real]` as decimal strings.
    public var pubkeyG2X: [String] {
        isIdentity ? ["0", "0"] : [x.c1.decimal, x.c0.decimal]
    }

    /// `[y_imag, y_real]` as decimal strings.
    public var pubkeyG2Y: [String] {
        isIdentity ? ["0", "0"] : [y.c1.decimal, y.c0.decimal]
    }
}
