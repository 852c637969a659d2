package io.secumon.testing;

import java.io.IOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away certificate authority for TLS tests, writing PEM files as operators would
 * hand them to SecuMon: {@code <name>.crt} (certificate) and {@code <name>.key} (PKCS#8).
 * Server certificates are valid for {@code localhost} and {@code 127.0.0.1}.
 */
public final class TestCertificates {

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    private final Path directory;
    private final String caName;
    private final KeyPair caKeys;
    private final X509Certificate ca;

    private TestCertificates(Path directory, String caName) throws Exception {
        this.directory = directory;
        this.caName = caName;
        this.caKeys = keyPair();
        this.ca = sign(caName, caKeys, caName, caKeys.getPrivate(), true);
        write(caName + ".crt", ca);
    }

    /** A new CA named {@code caName}, its certificate written to {@code directory/<caName>.crt}. */
    public static TestCertificates authority(Path directory, String caName) {
        try {
            Files.createDirectories(directory);
            return new TestCertificates(directory, caName);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create test CA " + caName, e);
        }
    }

    /** This CA's certificate file. */
    public Path caFile() {
        return directory.resolve(caName + ".crt");
    }

    /** Issues a certificate for {@code name}; returns its certificate file (the key is beside it). */
    public Path issue(String name) {
        try {
            KeyPair keys = keyPair();
            write(name + ".crt", sign(name, keys, caName, caKeys.getPrivate(), false));
            write(name + ".key", new JcaPKCS8Generator(keys.getPrivate(), null).generate());
            return directory.resolve(name + ".crt");
        } catch (Exception e) {
            throw new IllegalStateException("cannot issue test certificate " + name, e);
        }
    }

    /** The key file of a certificate {@link #issue issued} for {@code name}. */
    public Path keyFile(String name) {
        return directory.resolve(name + ".key");
    }

    private static KeyPair keyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        return generator.generateKeyPair();
    }

    private X509Certificate sign(String subject, KeyPair keys, String issuer, PrivateKey issuerKey, boolean isCa)
            throws Exception {
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name("CN=" + issuer),
                BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(Duration.ofDays(2))), new X500Name("CN=" + subject), keys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
        if (!isCa) {
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
        }
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
    }

    private void write(String file, Object pem) throws IOException {
        try (Writer out = Files.newBufferedWriter(directory.resolve(file)); JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(pem);
        }
    }
}
