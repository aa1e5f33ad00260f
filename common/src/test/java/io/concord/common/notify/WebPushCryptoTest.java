package io.concord.common.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import org.junit.jupiter.api.Test;

class WebPushCryptoTest {
    private static byte[] b(String s) {
        return WebPushCrypto.base64url(s);
    }

    /** RFC 8291 Appendix A: the fixed keys and salt give exactly the RFC's body. */
    @Test
    void encryptsTheRfc8291ExampleToTheRfcsBytes() throws Exception {
        KeyPair as = new KeyPair(WebPushCrypto.decodePublic(b("BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8")),
                WebPushCrypto.decodePrivate(b("yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw")));
        byte[] uaPublic = b("BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4");
        byte[] body = WebPushCrypto.encrypt("When I grow up, I want to be a watermelon".getBytes(StandardCharsets.UTF_8), uaPublic,
                b("BTBZMqHH6r4Tts7J_aSIgg"), as, b("DGv6ra1nlYgDCS1FRnbzlw"));
        assertThat(WebPushCrypto.base64url(body)).isEqualTo("DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN");
        byte[] plain = WebPushCrypto.decrypt(body, WebPushCrypto.decodePrivate(b("q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94")), uaPublic,
                b("BTBZMqHH6r4Tts7J_aSIgg"));
        assertThat(new String(plain, StandardCharsets.UTF_8)).isEqualTo("When I grow up, I want to be a watermelon");
    }

    @Test
    void aRandomSubscriptionDecryptsWhatWasEncryptedForItAndNoOtherDoes() throws Exception {
        KeyPair ua = WebPushCrypto.generateKeyPair();
        byte[] uaPublic = WebPushCrypto.encodePoint((ECPublicKey) ua.getPublic());
        byte[] auth = new byte[16];
        new java.security.SecureRandom().nextBytes(auth);
        byte[] body = WebPushCrypto.encrypt("{\"x\":1}".getBytes(StandardCharsets.UTF_8), uaPublic, auth);
        assertThat(new String(WebPushCrypto.decrypt(body, (ECPrivateKey) ua.getPrivate(), uaPublic, auth), StandardCharsets.UTF_8))
                .isEqualTo("{\"x\":1}");
        byte[] otherAuth = auth.clone();
        otherAuth[0] ^= 1;
        assertThatThrownBy(() -> WebPushCrypto.decrypt(body, (ECPrivateKey) ua.getPrivate(), uaPublic, otherAuth))
                .isInstanceOf(java.security.GeneralSecurityException.class);
    }

    @Test
    void vapidHeaderCarriesAnEs256JwtSignedByTheConfiguredKey() throws Exception {
        WebPushCrypto.VapidKeys keys = WebPushCrypto.generateVapidKeys();
        WebPushCrypto.validate(keys);
        String header = WebPushCrypto.vapidAuthorization("https://push.example.net", "mailto:ops@example.com", 1_900_000_000L, keys);
        assertThat(header).startsWith("vapid t=").endsWith(", k=" + keys.publicKey());
        String jwt = header.substring("vapid t=".length(), header.indexOf(", k="));
        String claims = new String(java.util.Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
        assertThat(claims).isEqualTo("{\"aud\":\"https://push.example.net\",\"exp\":1900000000,\"sub\":\"mailto:ops@example.com\"}");
        assertThat(WebPushCrypto.verifyJwt(jwt, WebPushCrypto.base64url(keys.publicKey()))).isTrue();
        WebPushCrypto.VapidKeys other = WebPushCrypto.generateVapidKeys();
        assertThat(WebPushCrypto.verifyJwt(jwt, WebPushCrypto.base64url(other.publicKey()))).isFalse();
        assertThatThrownBy(() -> WebPushCrypto.validate(new WebPushCrypto.VapidKeys(other.publicKey(), keys.privateKey())))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPointOffTheCurveIsRefused() {
        byte[] point = WebPushCrypto.encodePoint((ECPublicKey) WebPushCrypto.generateKeyPair().getPublic());
        point[64] ^= 1;
        assertThatThrownBy(() -> WebPushCrypto.decodePublic(point)).isInstanceOf(java.security.GeneralSecurityException.class);
    }
}
