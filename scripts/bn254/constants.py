#!/usr/bin/env python3
"""Derives every BN254 constant embedded in Sources/Crypto/BN254 (pure Python, no dependencies).

Run: python3 scripts/bn254/constants.py  — prints each constant as grouped little-endian 64-bit limbs
(least significant limb first), the layout the Swift structs use.
"""
p = 21888242871839275222246405745257275088696311157297823662689037894645226208583
r = 21888242871839275222246405745257275088548364400416034343698204186575808495617
x = 4965661367192848881  # BN parameter u
assert p == 36*x**4 + 36*x**3 + 24*x**2 + 6*x + 1
assert r == 36*x**4 + 36*x**3 + 18*x**2 + 6*x + 1
R = 1 << 256

def limbs(v):
    return [(v >> (64*i)) & (2**64-1) for i in range(4)]

def g(v):
    h = '%016x' % v
    return '0x' + '_'.join(h[i:i+4] for i in range(0, 16, 4))

def show(name, v):
    print(f'{name}: ' + ', '.join(g(l) for l in limbs(v)))

# Fp2 = Fp[u]/(u^2+1) arithmetic on pairs (c0, c1)
def f2mul(a, b):
    return ((a[0]*b[0] - a[1]*b[1]) % p, (a[0]*b[1] + a[1]*b[0]) % p)
def f2pow(a, e):
    res = (1, 0)
    while e:
        if e & 1: res = f2mul(res, a)
        a = f2mul(a, a); e >>= 1
    return res
def f2inv(a):
    n = (a[0]*a[0] + a[1]*a[1]) % p
    ni = pow(n, p-2, p)
    return (a[0]*ni % p, (-a[1])*ni % p)

for name, m in (('Fp', p), ('Scalar', r)):
    print(f'== {name}')
    show('modulus', m)
    print('inv (-m^-1 mod 2^64):', g((-pow(m, -1, 2**64)) % 2**64))
    show('R mod m', R % m)
    show('R^2 mod m', R*R % m)
    show('m - 2', m - 2)
show('(p+1)/4', (p+1)//4)
show('2^64 mod p (canonical)', 2**64 % p)

xi = (9, 1)
bprime = f2mul((3, 0), f2inv(xi))
print('== b\' = 3/(9+u):', bprime)
b3 = ((3*bprime[0]) % p, (3*bprime[1]) % p)
show("3b' c0", b3[0]); show("3b' c1", b3[1])

print('== Frobenius: gamma_{k,i} = xi^(i (p^k - 1)/6)')
for k in (1, 2, 3):
    for i in range(1, 6):
        gm = f2pow(xi, i*(p**k - 1)//6)
        print(f'gamma{k}{i}:'); show('  c0', gm[0]); show('  c1', gm[1])
# Frobenius on Fp6 coefficient v = w^2: v^(p^k) = gamma_{k,2} v, (v^2)^(p^k) = gamma_{k,4} v^2
# Twist Frobenius (psi): x * gamma12, y * gamma13 after conjugation
print('6x+2 =', 6*x+2, bin(6*x+2))
def naf(n):
    out = []
    while n:
        if n & 1:
            d = 2 - (n % 4)
            n -= d
        else:
            d = 0
        out.append(d); n >>= 1
    return out
print('NAF(6x+2) lsb first:', naf(6*x+2))

print('== Montgomery forms (v * 2^256 mod p), as used in the Swift sources')
def mont(v):
    return 'Fp(montgomery: (' + ', '.join(g(l) for l in limbs(v * R % p)) + '))'
def mont2(name, a):
    print(f'{name}: Fp2(c0: {mont(a[0])}, c1: {mont(a[1])})')
print('one:', mont(1)); print('b3 g1 (9):', mont(9)); print('3:', mont(3))
mont2("3b'", b3)
mont2("b'", bprime)
mont2('xi', xi)
for k in (1, 2, 3):
    for i in range(1, 6):
        mont2(f'gamma{k}{i}', f2pow(xi, i*(p**k - 1)//6))
G2x = (10857046999023057135944570762232829481370756359578518086990519993285655852781, 11559732032986387107991004021392285783925812861821192530917403151452391805634)
G2y = (8495653923123431417604973247489272438418190587263600148770280649306958101930, 4082367875863433681332203403145435568316851327593401208105741076214120093531)
mont2('G2 x', G2x); mont2('G2 y', G2y)
print('G1 x=1', mont(1), 'y=2', mont(2))
show('G2 cofactor h = 2p - r', 2*p - r)
print('u mod 13 =', x % 13, '(must not be 4), u mod 97 =', x % 97, '(must not be 92): Scott G2 test applies')
