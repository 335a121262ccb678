package io.dataops.sit.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Address blocks: strict parsing (never a DNS lookup), canonical text, exact containment. */
class CidrTest {

    @Test
    void canonicalFormClearsHostBitsAndCompressesIpv6() {
        assertThat(Cidr.parse("10.20.1.7/16")).hasToString("10.20.0.0/16");
        assertThat(Cidr.parse("fd00:ec2:0:0:0:0:0:254/128")).hasToString("fd00:ec2::254/128");
        assertThat(Cidr.parse("::/0")).hasToString("::/0");
        assertThat(Cidr.parse("2001:db8::1/32")).hasToString("2001:db8::/32");
    }

    @Test
    void containmentIsPerFamilyAndPrefix() {
        Cidr vpc = Cidr.parse("10.20.0.0/16");
        assertThat(vpc.contains(Cidr.parse("10.20.3.0/24"))).isTrue();
        assertThat(vpc.contains(Cidr.parse("10.20.0.0/16"))).isTrue();
        assertThat(vpc.contains(Cidr.parse("10.0.0.0/8"))).isFalse();
        assertThat(vpc.contains(Cidr.parse("10.21.0.0/24"))).isFalse();
        assertThat(Cidr.parse("0.0.0.0/0").contains(Cidr.parse("169.254.169.254/32")))
                .isTrue();
        assertThat(Cidr.parse("0.0.0.0/0").contains(Cidr.parse("fd00:ec2::254/128")))
                .isFalse();
        assertThat(Cidr.parse("fd00::/8").contains(Cidr.parse("fd00:ec2::254/128")))
                .isTrue();
    }

    @Test
    void onlyLiteralAddressesWithAPrefixAreAccepted() {
        assertThatThrownBy(() -> Cidr.parse("metadata.google.internal/32")).hasMessageContaining("not an IP address");
        assertThatThrownBy(() -> Cidr.parse("10.0.0.1")).hasMessageContaining("<address>/<bits>");
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> Cidr.parse("300.0.0.0/8")).hasMessageContaining("not an IP address");
        assertThatThrownBy(() -> Cidr.parse("::ffff:169.254.169.254/128")).hasMessageContaining("IPv4-mapped");
    }
}
