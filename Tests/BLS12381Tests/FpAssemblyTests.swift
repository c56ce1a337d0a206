import BLS12381Assembly
import Foundation
import Testing
@testable import BLS12381

/// The x86-64 assembly (mulx/adcx/adox) against the Swift path it replaces, on random and edge
/// inputs: Montgomery products, full 768-bit products of unreduced values, and reductions up to
/// the largest input the lazy 𝔽ₚ² product gives it. Where the assembly does not run (another CPU,
/// or ARGUS_BLS_PORTABLE=1) the two are the same code and the test says so.
@Suite struct FpAssemblyTests {
    /// p − 1, 0, 1, R mod p (Montgomery 1) and values with all-ones limbs.
    static let edges: [Fp] = [.zero, .one, -Fp.one, Fp(0, 0, 0, 0, 0, 1), Fp(1, 0, 0, 0, 0, 0),
                              Fp(.max, .max, .max, .max, .max, 0x1a01_11ea_397f_e699), -Fp(2), Fp(2)]

    @Test func theAssemblyRunsOnThisMachine() {
        // Not a requirement (the Swift path is the fallback), but this repository's machines have
        // BMI2 and ADX; a silent fallback would go unmeasured.
        let portable = ProcessInfo.processInfo.environment["ARGUS_BLS_PORTABLE"].map { !["", "0"].contains($0) } ?? false
        #expect(argus_bls_fp_assembly_enabled() != 0 || !cpuHasADX || portable, "BMI2 and ADX present but the assembly is off")
    }

    @Test func montgomeryProductsAgree() {
        var rng = SeededRNG(seed: propertySeed)
        var pairs = Self.edges.flatMap { a in Self.edges.map { (a, $0) } }
        for _ in 0..<20_000 { pairs.append((Fp.random(&rng), Fp.random(&rng))) }
        for (a, b) in pairs {
            #expect(a * b == Fp.portableProduct(a, b), "\(a) · \(b)")
        }
    }

    @Test func wideProductsAndReductionsAgree() {
        var rng = SeededRNG(seed: propertySeed ^ 1)
        func raw(_ rng: inout SeededRNG) -> Fp {
            Fp(.random(in: 0 ... .max, using: &rng), .random(in: 0 ... .max, using: &rng), .random(in: 0 ... .max, using: &rng),
               .random(in: 0 ... .max, using: &rng), .random(in: 0 ... .max, using: &rng), .random(in: 0 ... .max, using: &rng))
        }
        let top = Fp(.max, .max, .max, .max, .max, .max)
        var pairs: [(Fp, Fp)] = [(top, top), (top, .zero), (.zero, .zero), (-Fp.one, -Fp.one)]
        for _ in 0..<20_000 { pairs.append((raw(&rng), raw(&rng))) }
        for (a, b) in pairs {
            let wide = FpWide.product(a, b)
            #expect(limbs(wide) == limbs(FpWide.portableProduct(a, b)), "\(a) × \(b)")
        }
        // REDC's inputs: below p·2³⁸⁴, e.g. sums of two products of values below 2p, and the
        // largest: (p − 1)·2³⁸⁴ + (2³⁸⁴ − 1).
        var inputs = [FpWide(.max, .max, .max, .max, .max, .max, 0xb9fe_ffff_ffff_aaaa, 0x1eab_fffe_b153_ffff, 0x6730_d2a0_f6b0_f624,
                             0x6477_4b84_f385_12bf, 0x4b1b_a7b6_434b_acd7, 0x1a01_11ea_397f_e69a),
                      FpWide(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)]
        for _ in 0..<20_000 {
            let a = Fp.random(&rng), b = Fp.random(&rng), c = Fp.random(&rng), d = Fp.random(&rng)
            inputs.append(FpWide.portableProduct(a.addingUnreduced(b), c.addingUnreduced(d)))
            inputs.append(FpWide.portableProduct(a, b) + FpWide.portableProduct(c, d))
        }
        for input in inputs {
            #expect(input.reduced() == input.portableReduced(), "REDC of \(limbs(input))")
        }
    }

    /// 𝔽ₚ² products and squares (one C call over the assembly) against the Swift path's formulas
    /// evaluated with the Swift 𝔽ₚ product.
    @Test func fp2ProductsAndSquaresAgree() {
        var rng = SeededRNG(seed: propertySeed ^ 2)
        func product(_ a: Fp, _ b: Fp) -> Fp { Fp.portableProduct(a, b) }
        var pairs = Self.edges.flatMap { a in Self.edges.map { (Fp2(c0: a, c1: $0), Fp2(c0: $0, c1: -a)) } }
        for _ in 0..<10_000 { pairs.append((Fp2.random(&rng), Fp2.random(&rng))) }
        for (a, b) in pairs {
            let expected = Fp2(c0: product(a.c0, b.c0) - product(a.c1, b.c1), c1: product(a.c0, b.c1) + product(a.c1, b.c0))
            #expect(a * b == expected, "\(a) · \(b)")
            let square = Fp2(c0: product(a.c0, a.c0) - product(a.c1, a.c1), c1: product(a.c0, a.c1) + product(a.c0, a.c1))
            #expect(a.squared() == square, "\(a)²")
        }
    }

    /// 𝔽ₚ⁶ products, full and sparse, in C against the Swift formulas.
    @Test func fp6ProductsAgree() {
        var rng = SeededRNG(seed: propertySeed ^ 4)
        for _ in 0..<1_000 {
            let a = Fp6.random(&rng), b = Fp6.random(&rng), b0 = Fp2.random(&rng), b1 = Fp2.random(&rng)
            #expect(a * b == Fp6.portableProduct(a, b))
            #expect(a.mulBy01(b0, b1) == a.portableMulBy01(b0, b1))
        }
        let a = Fp6.random(&rng)
        #expect(a * .zero == .zero && a * .one == a && a.mulBy01(.zero, .zero) == .zero)
    }

    /// G2's Jacobian doubling in C against the Swift formulas (any coordinates: the same formulas).
    @Test func jacobianDoublingsAgree() {
        var rng = SeededRNG(seed: propertySeed ^ 5)
        for _ in 0..<1_000 {
            let p = (Fp2.random(&rng), Fp2.random(&rng), Fp2.random(&rng))
            let (a, b) = (G2Projective.jacobianDouble(p), G2Projective.portableJacobianDouble(p))
            #expect(a.0 == b.0 && a.1 == b.1 && a.2 == b.2)
        }
    }

    /// The cyclotomic square in C against the Swift one: the same formulas, so they agree on any
    /// 𝔽ₚ¹² element; and on the cyclotomic subgroup both equal the plain square.
    @Test func cyclotomicSquaresAgree() {
        var rng = SeededRNG(seed: propertySeed ^ 3)
        for _ in 0..<500 {
            let f = Fp12.random(&rng)
            #expect(f.cyclotomicSquared() == f.portableCyclotomicSquared())
        }
        let f = Fp12.random(&rng)
        let g = f.conjugate() * f.inverse()            // f^(p⁶ − 1)
        let cyclotomic = g.frobenius().frobenius() * g // then ^(p² + 1)
        #expect(cyclotomic.cyclotomicSquared() == cyclotomic * cyclotomic)
    }

    @Test func theLayoutIsTheAssemblysLimbs() {
        #expect(MemoryLayout<Fp12>.size == 576)
        #expect(MemoryLayout<Fp2>.size == 96)
        #expect(MemoryLayout<Fp>.size == 48 && MemoryLayout<Fp>.stride == 48)
        #expect(MemoryLayout<FpWide>.size == 96)
        let value = Fp(1, 2, 3, 4, 5, 6)
        #expect(withLimbs(value) { Array(UnsafeBufferPointer(start: $0, count: 6)) } == [1, 2, 3, 4, 5, 6])
    }

    func limbs(_ w: FpWide) -> [UInt64] { [w.w0, w.w1, w.w2, w.w3, w.w4, w.w5, w.w6, w.w7, w.w8, w.w9, w.w10, w.w11] }

    var cpuHasADX: Bool {
        #if arch(x86_64)
        // /proc/cpuinfo's flags (Linux); elsewhere, trust the assembly's own detection.
        guard let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return false }
        return info.contains(" adx") && info.contains(" bmi2")
        #else
        return false
        #endif
    }
}
