package io.concord.common.notify;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Web Push message encryption (RFC 8291: ECDH P-256 + HKDF-SHA256, "aes128gcm" content coding of
 * RFC 8188, one record) and VAPID (RFC 8292: an ES256 JWT), with the JDK's own crypto only.
 */
public final class WebPushCrypto {
    /** The record size written in the aes128gcm header; one record carries the whole (small) payload. */
    public static final int RECORD_SIZE = 4096;
    /** A payload must fit one record: rs - 16 (tag) - 1 (delimiter). */
    public static final int MAX_PLAINTEXT = RECORD_SIZE - 17;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final ECParameterSpec P256 = p256();

    private WebPushCrypto() {}

    /** A VAPID (application server) key pair: base64url of the 65-byte public point and of the 32-byte private scalar. */
    public record VapidKeys(String publicKey, String privateKey) {}

    /** Encrypts {@code plaintext} for a subscription (RFC 8291 §3.4); the answer is the complete request body. */
    public static byte[] encrypt(byte[] plaintext, byte[] uaPublic, byte[] authSecret) {
        return encrypt(plaintext, uaPublic, authSecret, generateKeyPair(), randomBytes(16));
    }

    static byte[] encrypt(byte[] plaintext, byte[] uaPublic, byte[] authSecret, KeyPair asKeys, byte[] salt) {
        if (plaintext.length > MAX_PLAINTEXT) throw new IllegalArgumentException("payload too large for one record");
        try {
            byte[] asPublic = encodePoint((ECPublicKey) asKeys.getPublic());
            byte[] ecdh = ecdh(asKeys.getPrivate(), decodePublic(uaPublic));
            Keys keys = derive(ecdh, authSecret, uaPublic, asPublic, salt);
            byte[] padded = Arrays.copyOf(plaintext, plaintext.length + 1);
            padded[plaintext.length] = 2; // last-record delimiter, no padding
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(keys.cek, "AES"), new GCMParameterSpec(128, keys.nonce));
            byte[] ciphertext = gcm.doFinal(padded);
            ByteBuffer body = ByteBuffer.allocate(16 + 4 + 1 + asPublic.length + ciphertext.length);
            body.put(salt).putInt(RECORD_SIZE).put((byte) asPublic.length).put(asPublic).put(ciphertext);
            return body.array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("web push encryption failed", e);
        }
    }

    /**
     * The user agent's side (RFC 8291 §3.4 in reverse): decrypts a single-record aes128gcm body with
     * the subscription's private key and auth secret. Used by tests and by anyone checking a payload.
     */
    public static byte[] decrypt(byte[] body, ECPrivateKey uaPrivate, byte[] uaPublic, byte[] authSecret) throws GeneralSecurityException {
        ByteBuffer in = ByteBuffer.wrap(body);
        byte[] salt = new byte[16];
        in.get(salt);
        int rs = in.getInt();
        int idLength = in.get() & 0xff;
        byte[] asPublic = new byte[idLength];
        in.get(asPublic);
        byte[] ciphertext = new byte[in.remaining()];
        in.get(ciphertext);
        if (ciphertext.length > rs) throw new GeneralSecurityException("more than one record");
        Keys keys = derive(ecdh(uaPrivate, decodePublic(asPublic)), authSecret, uaPublic, asPublic, salt);
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(keys.cek, "AES"), new GCMParameterSpec(128, keys.nonce));
        byte[] padded = gcm.doFinal(ciphertext);
        int end = padded.length - 1;
        while (end >= 0 && padded[end] == 0) end--;
        if (end < 0 || padded[end] != 2) throw new GeneralSecurityException("bad record delimiter");
        return Arrays.copyOf(padded, end);
    }

    private record Keys(byte[] cek, byte[] nonce) {}

    private static Keys derive(byte[] ecdh, byte[] authSecret, byte[] uaPublic, byte[] asPublic, byte[] salt) throws GeneralSecurityException {
        byte[] prkKey = hmac(authSecret, ecdh);
        byte[] keyInfo = concat("WebPush: info".getBytes(StandardCharsets.US_ASCII), new byte[] {0}, uaPublic, asPublic, new byte[] {1});
        byte[] ikm = hmac(prkKey, keyInfo);
        byte[] prk = hmac(salt, ikm);
        byte[] cek = Arrays.copyOf(hmac(prk, concat("Content-Encoding: aes128gcm".getBytes(StandardCharsets.US_ASCII), new byte[] {0, 1})), 16);
        byte[] nonce = Arrays.copyOf(hmac(prk, concat("Content-Encoding: nonce".getBytes(StandardCharsets.US_ASCII), new byte[] {0, 1})), 12);
        return new Keys(cek, nonce);
    }

    /** The VAPID {@code Authorization} header value (RFC 8292 §3): {@code vapid t=<ES256 JWT>, k=<public key>}. */
    public static String vapidAuthorization(String audience, String subject, long expiresEpochSeconds, VapidKeys keys) {
        try {
            String header = B64URL.encodeToString("{\"typ\":\"JWT\",\"alg\":\"ES256\"}".getBytes(StandardCharsets.UTF_8));
            String claims = B64URL.encodeToString(("{\"aud\":" + jsonString(audience) + ",\"exp\":" + expiresEpochSeconds
                    + ",\"sub\":" + jsonString(subject) + "}").getBytes(StandardCharsets.UTF_8));
            Signature es256 = Signature.getInstance("SHA256withECDSAinP1363Format");
            es256.initSign(decodePrivate(base64url(keys.privateKey())));
            es256.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
            return "vapid t=" + header + "." + claims + "." + B64URL.encodeToString(es256.sign()) + ", k=" + keys.publicKey();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("VAPID signing failed", e);
        }
    }

    /** Checks a VAPID JWT's ES256 signature against a public key (tests, and a receiver that wants to). */
    public static boolean verifyJwt(String jwt, byte[] publicKey) throws GeneralSecurityException {
        int last = jwt.lastIndexOf('.');
        Signature es256 = Signature.getInstance("SHA256withECDSAinP1363Format");
        es256.initVerify(decodePublic(publicKey));
        es256.update(jwt.substring(0, last).getBytes(StandardCharsets.US_ASCII));
        return es256.verify(Base64.getUrlDecoder().decode(jwt.substring(last + 1)));
    }

    public static VapidKeys generateVapidKeys() {
        KeyPair pair = generateKeyPair();
        return new VapidKeys(B64URL.encodeToString(encodePoint((ECPublicKey) pair.getPublic())),
                B64URL.encodeToString(unsigned32(((ECPrivateKey) pair.getPrivate()).getS())));
    }

    /** Checks that a configured pair is a valid P-256 pair (the public key is the private scalar's point). */
    public static void validate(VapidKeys keys) {
        try {
            byte[] pub = base64url(keys.publicKey());
            decodePublic(pub);
            String jwt = vapidAuthorization("https://check.invalid", "mailto:check@invalid", 0, keys);
            String token = jwt.substring("vapid t=".length(), jwt.indexOf(", k="));
            if (!verifyJwt(token, pub)) throw new IllegalArgumentException("VAPID public key does not match the private key");
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("invalid VAPID key pair: " + e.getMessage(), e);
        }
    }

    public static KeyPair generateKeyPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] encodePoint(ECPublicKey key) {
        byte[] out = new byte[65];
        out[0] = 4;
        System.arraycopy(unsigned32(key.getW().getAffineX()), 0, out, 1, 32);
        System.arraycopy(unsigned32(key.getW().getAffineY()), 0, out, 33, 32);
        return out;
    }

    /** An uncompressed P-256 point (65 bytes, 0x04 || X || Y) as a key; rejects points not on the curve. */
    public static ECPublicKey decodePublic(byte[] point) throws GeneralSecurityException {
        if (point.length != 65 || point[0] != 4) throw new GeneralSecurityException("not an uncompressed P-256 point");
        BigInteger x = new BigInteger(1, Arrays.copyOfRange(point, 1, 33));
        BigInteger y = new BigInteger(1, Arrays.copyOfRange(point, 33, 65));
        // KeyFactory does not check that the point is on the curve: y^2 = x^3 + ax + b (mod p), 0 <= x, y < p.
        BigInteger p = ((java.security.spec.ECFieldFp) P256.getCurve().getField()).getP();
        if (x.compareTo(p) >= 0 || y.compareTo(p) >= 0
                || !y.modPow(BigInteger.TWO, p).equals(x.pow(3).add(P256.getCurve().getA().multiply(x)).add(P256.getCurve().getB()).mod(p))) {
            throw new GeneralSecurityException("point is not on P-256");
        }
        return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(x, y), P256));
    }

    public static ECPrivateKey decodePrivate(byte[] scalar) throws GeneralSecurityException {
        if (scalar.length != 32) throw new GeneralSecurityException("not a 32-byte P-256 private key");
        return (ECPrivateKey) KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(new BigInteger(1, scalar), P256));
    }

    public static byte[] base64url(String s) {
        return Base64.getUrlDecoder().decode(s.replace('+', '-').replace('/', '_').replace("=", ""));
    }

    public static String base64url(byte[] b) {
        return B64URL.encodeToString(b);
    }

    private static byte[] ecdh(java.security.PrivateKey priv, ECPublicKey pub) throws GeneralSecurityException {
        KeyAgreement ka = KeyAgreement.getInstance("ECDH");
        ka.init(priv);
        ka.doPhase(pub, true);
        return ka.generateSecret();
    }

    private static byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data);
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) n += p.length;
        ByteBuffer b = ByteBuffer.allocate(n);
        for (byte[] p : parts) b.put(p);
        return b.array();
    }

    private static byte[] unsigned32(BigInteger v) {
        byte[] raw = v.toByteArray();
        byte[] out = new byte[32];
        int copy = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - copy, out, 32 - copy, copy);
        return out;
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    private static String jsonString(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') b.append('\\').append(c);
            else if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
        }
        return b.append('"').toString();
    }

    private static ECParameterSpec p256() {
        try {
            AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
            p.init(new ECGenParameterSpec("secp256r1"));
            return p.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
