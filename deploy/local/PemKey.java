import java.security.KeyPairGenerator;
import java.util.Base64;

/**
 * Prints a new RSA private key as PKCS#8 PEM: the local Vonage application's key when openssl is missing.
 * Run as a single-file program: java deploy/local/PemKey.java
 */
public class PemKey {
    public static void main(String[] args) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        byte[] pkcs8 = generator.generateKeyPair().getPrivate().getEncoded();
        System.out.print("-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pkcs8)
                + "\n-----END PRIVATE KEY-----\n");
    }
}
