// PrivateKey+KeyGen.swift — HKDF-based KeyGen, in the current IETF form and blspy's draft-02 form.

import Crypto

extension PrivateKey {
    /// Which KeyGen to run.
    public enum KeyGenVariant: Sendable {
        /// draft-irtf-cfrg-bls-signature-04/05 §2.3 (also py_ecc, EIP-2333): salt = SHA-256(salt)
        /// before each attempt, retry while SK = 0.
        case ietf
        /// draft-02, as blspy 2.x `key_gen`: the salt "BLS-SIG-KEYGEN-SALT-" used directly, one
        /// attempt. Kept for byte compatibility with keys made by the Python reference.
        case blspyDraft02
    }

    /// KeyGen(IKM, key_info) with L = 48. The seed (IKM) must be at least 32 bytes.
    public init(keyGenSeed ikm: some Collection<UInt8>, keyInfo: [UInt8] = [], variant: KeyGenVariant = .ietf) throws(DecodingFailure) {
        guard ikm.count >= 32 else { throw .invalidSecretKey }
        let L = 48
        var salt = Array("BLS-SIG-KEYGEN-SALT-".utf8)
        let ikmPrime = Array(ikm) + [0]                    // IKM || I2OSP(0, 1)
        let info = keyInfo + [UInt8(L >> 8), UInt8(L & 0xff)]  // key_info || I2OSP(L, 2)
        while true {
            if variant == .ietf { salt = Array(SHA256.hash(data: salt)) }
            let PRK = HKDF<SHA256>.extract(inputKeyMaterial: SymmetricKey(data: ikmPrime), salt: salt)
            let OKM = HKDF<SHA256>.expand(pseudoRandomKey: PRK, info: info, outputByteCount: L)
            let SK = OKM.withUnsafeBytes { Scalar(reducingBigEndian: Array($0)) }
            if !SK.isZero || variant == .blspyDraft02 {
                try self.init(scalar: SK)
                return
            }
        }
    }
}
