"""A self-signed certificate for our local Google API servers on 127.0.0.1.

google-api-python-client sends a media upload to https://<endpoint host>/upload/...
whatever scheme the endpoint has, so the local Gmail server speaks TLS, as Gmail
does; clients trust it through GMAIL_CA_CERTS. Made once per checkout under
.local/tls/ (never committed), valid for a year.
"""

from __future__ import annotations

import datetime
import ipaddress
import ssl
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

FOLDER = Path(__file__).resolve().parent.parent / ".local" / "tls"


@dataclass(frozen=True)
class LocalCertificate:
    cert: Path
    key: Path

    def server_context(self) -> ssl.SSLContext:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(self.cert, self.key)
        return context


def local_certificate(folder: Path = FOLDER) -> LocalCertificate:
    made = LocalCertificate(folder / "localhost.pem", folder / "localhost-key.pem")
    if made.cert.exists() and made.key.exists() and _valid_for_a_day(made.cert):
        return made
    folder.mkdir(parents=True, exist_ok=True)
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(minutes=5)).not_valid_after(now + datetime.timedelta(days=365))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1")),
                                                        x509.DNSName("localhost")]), critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    made.key.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    made.cert.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return made


def _valid_for_a_day(path: Path) -> bool:
    cert = x509.load_pem_x509_certificate(path.read_bytes())
    return cert.not_valid_after_utc > datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=1)
