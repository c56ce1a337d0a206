#!/usr/bin/env python3
"""Derives every BLS12-381 constant used by Sources/Crypto/BLS12381 and prints it as Swift.

Run: python3 scripts/bls12381/derive_constants.py   (no dependencies). Field elements are printed in
Montgomery form (value·2^384 mod p) as six little-endian 64-bit limbs; the doc comment carries the
canonical value. Checks: generators on their curves, orders, the endomorphism eigenvalues, and the
identity used by the final exponentiation's hard part.
"""
p = 0x1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaab
r = 0x73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001
x = -0xd201000000010000
R = 2**384 % p

class F2:
    def __init__(s, a, b=0): s.a, s.b = a % p, b % p
    def __add__(s, o): o = o if isinstance(o, F2) else F2(o); return F2(s.a+o.a, s.b+o.b)
    def __sub__(s, o): o = o if isinstance(o, F2) else F2(o); return F2(s.a-o.a, s.b-o.b)
    def __neg__(s): return F2(-s.a, -s.b)
    def __mul__(s, o):
        o = o if isinstance(o, F2) else F2(o)
        return F2(s.a*o.a - s.b*o.b, s.a*o.b + s.b*o.a)
    __rmul__ = __mul__
    def __pow__(s, e):
        res, b = F2(1), s
        while e:
            if e & 1: res = res*b
            b = b*b; e >>= 1
        return res
    def inv(s):
        n = pow(s.a*s.a + s.b*s.b, p-2, p); return F2(s.a*n, -s.b*n)
    def __truediv__(s, o): return s*o.inv()
    def __eq__(s, o): o = o if isinstance(o, F2) else F2(o); return s.a == o.a and s.b == o.b
    def conj(s): return F2(s.a, -s.b)

def limbs(v, n=6):
    return [(v >> (64*i)) & (2**64-1) for i in range(n)]
def g(v):
    h = f"{v:016x}"; return "0x" + "_".join(h[i:i+4] for i in range(0, 16, 4))
def fp(v):
    m = (v % p) * R % p
    return "Fp(" + ", ".join(g(l) for l in limbs(m)) + ")"
def fp2(e): return f"Fp2(c0: {fp(e.a)},\n            c1: {fp(e.b)})"
def raw(v, n=6): return "(" + ", ".join(g(l) for l in limbs(v, n)) + ")"

def affadd(P, Q, b):
    if P is None: return Q
    if Q is None: return P
    (x1, y1), (x2, y2) = P, Q
    one = type(x1)(1) if isinstance(x1, F2) else 1
    if isinstance(x1, F2):
        if x1 == x2:
            if y1 == y2: lam = (F2(3)*x1*x1) / (F2(2)*y1)
            else: return None
        else: lam = (y2-y1)/(x2-x1)
        x3 = lam*lam - x1 - x2; return (x3, lam*(x1-x3) - y1)
    if x1 == x2:
        if y1 == y2: lam = 3*x1*x1*pow(2*y1, p-2, p) % p
        else: return None
    else: lam = (y2-y1)*pow(x2-x1, p-2, p) % p
    x3 = (lam*lam - x1 - x2) % p; return (x3, (lam*(x1-x3) - y1) % p)
def mul(P, k, b=None):
    neg = k < 0; k = abs(k); res = None
    while k:
        if k & 1: res = affadd(res, P, b)
        P = affadd(P, P, b); k >>= 1
    if neg and res is not None:
        res = (res[0], (-res[1]) if isinstance(res[1], F2) else (-res[1]) % p)
    return res

G1 = (0x17f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1aeffb3af00adb22c6bb,
      0x08b3f481e3aaa0f1a09e30ed741d8ae4fcf5e095d5d00af600db18cb2c04b3edd03cc744a2888ae40caa232946c5e7e1)
G2 = (F2(0x024aa2b2f08f0a91260805272dc51051c6e47ad4fa403b02b4510b647ae3d1770bac0326a805bbefd48056c8c121bdb8,
         0x13e02b6052719f607dacd3a088274f65596bd0d09920b61ab5da61bbdc7f5049334cf11213945d57e5ac7d055d042b7e),
      F2(0x0ce5d527727d6e118cc9cdc6da2e351aadfd9baa8cbdd3a76d429a695160d12c923ac9cc3baca289e193548608b82801,
         0x0606c4a02ea734cc32acd2b02bc28b99cb3e287e85a763af267492ab572e99ab3f370d275cec1da1aaa9075ff05f79be))
assert (G1[1]**2 - G1[0]**3 - 4) % p == 0
assert G2[1]*G2[1] == G2[0]*G2[0]*G2[0] + F2(4, 4)
assert mul(G1, r) is None and mul(G2, r) is None
assert (p**4 - p**2 + 1) % r == 0
hard = (p**4 - p**2 + 1) // r
assert 3*hard == (x-1)**2 * (x+p) * (x**2 + p**2 - 1) + 3

xi = F2(1, 1)
# G1 endomorphism sigma(x, y) = (beta·x, y): choose the cube root of unity with sigma(P) = -x²·P on G1.
beta = None
for c in range(2, 50):
    cand = pow(c, (p-1)//3, p)
    if cand != 1:
        for bcand in (cand, cand*cand % p):
            if (beta is None) and ((bcand*G1[0]) % p, G1[1]) == mul(G1, -(x*x)):
                beta = bcand
        if beta: break
assert beta is not None
psi_x = (xi ** ((p-1)//3)).inv(); psi_y = (xi ** ((p-1)//2)).inv()
def psi(P): return (P[0].conj()*psi_x, P[1].conj()*psi_y)
assert psi(G2) == mul(G2, x)

print("// Fp")
print("modulus", raw(p)); print("inv", g((-pow(p, -1, 2**64)) % 2**64))
print("R (one)", raw(R)); print("R2", raw(R*R % p)); print("R3", raw(R**3 % p))
print("(p-2)", raw(p-2)); print("(p+1)/4", raw((p+1)//4)); print("(p-3)/4", raw((p-3)//4)); print("(p-1)/2", raw((p-1)//2))
print("// Scalar")
RS = 2**256 % r
print("r", raw(r, 4)); print("inv", g((-pow(r, -1, 2**64)) % 2**64)); print("R", raw(RS, 4)); print("R2", raw(RS*RS % r, 4)); print("R3", raw(RS**3 % r, 4))
print("// curve")
print("b=4", fp(4)); print("G1.x", fp(G1[0])); print("G1.y", fp(G1[1]))
print("G2.x", fp2(G2[0])); print("G2.y", fp2(G2[1]))
print("beta", hex(beta), fp(beta))
print("psi_x", fp2(psi_x)); print("psi_y", fp2(psi_y))
print("// frobenius")
for k in range(1, 6):
    print(f"fp6 c1 gamma^{k}: xi^(k(p-1)/3) with k=1:", fp2(xi ** ((p**k - 1)//3))) if False else None
print("fp6_c1 (xi^((p-1)/3))", fp2(xi ** ((p-1)//3)))
print("fp6_c2 (xi^(2(p-1)/3))", fp2(xi ** (2*(p-1)//3)))
print("fp12_c1 (xi^((p-1)/6))", fp2(xi ** ((p-1)//6)))
print("// sswu")
print("A'", fp2(F2(0, 240))); print("B'", fp2(F2(1012, 1012))); print("Z", fp2(F2(-2, -1)))
print("-B'/A'", fp2(-F2(1012, 1012)/F2(0, 240))); print("B'/(Z A')", fp2(F2(1012, 1012)/(F2(-2, -1)*F2(0, 240))))
print("// sqrt(-125) for the SSWU norm shortcut")
s125 = pow((-125) % p, (p + 1) // 4, p); assert s125 * s125 % p == (-125) % p
print("sqrt(-125)", "%096x" % s125)
