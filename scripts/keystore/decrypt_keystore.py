#!/usr/bin/env python3
"""Independent EIP-2335 keystore decryptor, for cross-checking Argus's Swift keystores.

Written from the EIP-2335 text with the standard library only: hashlib.scrypt and
hashlib.pbkdf2_hmac for the KDF, hashlib.sha256 for the checksum, and a small AES-128
(FIPS-197, encryption direction only, which is all CTR mode needs) for the cipher.

Reads {"keystore": "<keystore JSON text>", "password": "<password>"} on standard input and
prints the secret as lower-case hex. Exits 1 with a message on standard error if the keystore
is not understood or the password is wrong.
"""
import hashlib
import json
import sys
import unicodedata


# --- AES-128 (FIPS-197), encryption only -------------------------------------------------

def _xtime(a):
    a <<= 1
    return (a ^ 0x11B) if a & 0x100 else a


def _gmul(a, b):
    r = 0
    while b:
        if b & 1:
            r ^= a
        a = _xtime(a)
        b >>= 1
    return r


def _sbox():
    # S(x) = affine(x^-1) with 0^-1 = 0 (FIPS-197 §5.1.1); x^-1 = x^254 in GF(2^8).
    box = []
    for x in range(256):
        inv, p, e = 1, x, 254
        while e:
            if e & 1:
                inv = _gmul(inv, p)
            p = _gmul(p, p)
            e >>= 1
        if x == 0:
            inv = 0
        s = inv
        for k in range(1, 5):
            s ^= ((inv << k) | (inv >> (8 - k))) & 0xFF
        box.append(s ^ 0x63)
    return box


SBOX = _sbox()


def _expand_key(key):
    assert len(key) == 16
    words = [list(key[i:i + 4]) for i in range(0, 16, 4)]
    rcon = 1
    for i in range(4, 44):
        t = list(words[i - 1])
        if i % 4 == 0:
            t = [SBOX[b] for b in t[1:] + t[:1]]
            t[0] ^= rcon
            rcon = _xtime(rcon)
        words.append([a ^ b for a, b in zip(words[i - 4], t)])
    return [sum(words[4 * r:4 * r + 4], []) for r in range(11)]


def aes128_encrypt_block(round_keys, block):
    s = [b ^ k for b, k in zip(block, round_keys[0])]  # state, column-major as in FIPS-197
    for rnd in range(1, 11):
        s = [SBOX[b] for b in s]
        s = [s[(i + 4 * (i % 4)) % 16] for i in range(16)]  # ShiftRows
        if rnd != 10:  # MixColumns
            m = []
            for c in range(4):
                a = s[4 * c:4 * c + 4]
                m += [_gmul(a[0], 2) ^ _gmul(a[1], 3) ^ a[2] ^ a[3],
                      a[0] ^ _gmul(a[1], 2) ^ _gmul(a[2], 3) ^ a[3],
                      a[0] ^ a[1] ^ _gmul(a[2], 2) ^ _gmul(a[3], 3),
                      _gmul(a[0], 3) ^ a[1] ^ a[2] ^ _gmul(a[3], 2)]
            s = m
        s = [b ^ k for b, k in zip(s, round_keys[rnd])]
    return bytes(s)


def aes128_ctr(key, iv, data):
    """AES-128-CTR with the 16-byte IV as the initial 128-bit big-endian counter."""
    round_keys = _expand_key(key)
    counter = int.from_bytes(iv, "big")
    out = bytearray()
    for i in range(0, len(data), 16):
        stream = aes128_encrypt_block(round_keys, counter.to_bytes(16, "big"))
        out += bytes(a ^ b for a, b in zip(data[i:i + 16], stream))
        counter = (counter + 1) % (1 << 128)
    return bytes(out)


# --- EIP-2335 ----------------------------------------------------------------------------

def password_bytes(password):
    """NFKD, then strip C0 (0x00-0x1F), C1 (0x80-0x9F) and DEL (0x7F), then UTF-8."""
    normalized = unicodedata.normalize("NFKD", password)
    kept = "".join(ch for ch in normalized
                   if not (ord(ch) <= 0x1F or 0x7F <= ord(ch) <= 0x9F))
    return kept.encode("utf-8")


def decrypt(keystore, password):
    if keystore.get("version") != 4:
        raise ValueError("version is not 4")
    crypto = keystore["crypto"]
    kdf = crypto["kdf"]
    params = kdf["params"]
    pw = password_bytes(password)
    salt = bytes.fromhex(params["salt"])
    if params["dklen"] != 32:
        raise ValueError("dklen is not 32")
    if kdf["function"] == "scrypt":
        n, r, p = params["n"], params["r"], params["p"]
        dk = hashlib.scrypt(pw, salt=salt, n=n, r=r, p=p, dklen=32,
                            maxmem=128 * r * (n + p + 2) + (1 << 20))
    elif kdf["function"] == "pbkdf2":
        if params["prf"] != "hmac-sha256":
            raise ValueError("unknown prf")
        dk = hashlib.pbkdf2_hmac("sha256", pw, salt, params["c"], 32)
    else:
        raise ValueError("unknown kdf " + kdf["function"])
    if crypto["checksum"]["function"] != "sha256" or crypto["cipher"]["function"] != "aes-128-ctr":
        raise ValueError("unknown checksum or cipher function")
    cipher_message = bytes.fromhex(crypto["cipher"]["message"])
    if hashlib.sha256(dk[16:32] + cipher_message).digest() != bytes.fromhex(crypto["checksum"]["message"]):
        raise ValueError("wrong password (checksum mismatch)")
    return aes128_ctr(dk[:16], bytes.fromhex(crypto["cipher"]["params"]["iv"]), cipher_message)


def main():
    request = json.loads(sys.stdin.buffer.read())  # bytes: UTF-8 whatever the locale
    try:
        secret = decrypt(json.loads(request["keystore"]), request["password"])
    except (ValueError, KeyError, TypeError) as error:
        print("decrypt_keystore: %s" % error, file=sys.stderr)
        sys.exit(1)
    print(secret.hex())


if __name__ == "__main__":
    main()
