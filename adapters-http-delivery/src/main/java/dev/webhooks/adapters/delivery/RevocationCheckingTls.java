package dev.webhooks.adapters.delivery;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPathBuilder;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import javax.net.ssl.CertPathTrustManagerParameters;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** Builds an SSLContext trusting the default CAs that also checks certificate revocation (OCSP, falling back to CRLs). */
final class RevocationCheckingTls {
    private RevocationCheckingTls() {
    }

    static SSLContext sslContext() {
        try {
            PKIXBuilderParameters parameters = new PKIXBuilderParameters(defaultTrustAnchors(), new X509CertSelector());
            PKIXRevocationChecker revocation =
                    (PKIXRevocationChecker) CertPathBuilder.getInstance("PKIX").getRevocationChecker();
            revocation.setOptions(EnumSet.noneOf(PKIXRevocationChecker.Option.class)); // OCSP first, CRL fallback, hard fail
            parameters.addCertPathChecker(revocation);
            parameters.setRevocationEnabled(true);
            TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
            factory.init(new CertPathTrustManagerParameters(parameters));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up certificate revocation checking", e);
        }
    }

    private static Set<TrustAnchor> defaultTrustAnchors() throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        TrustManager[] managers = factory.getTrustManagers();
        return Arrays.stream(managers)
                .filter(X509TrustManager.class::isInstance)
                .map(X509TrustManager.class::cast)
                .flatMap(manager -> Arrays.stream(manager.getAcceptedIssuers()))
                .map(certificate -> new TrustAnchor(certificate, null))
                .collect(Collectors.toUnmodifiableSet());
    }
}
