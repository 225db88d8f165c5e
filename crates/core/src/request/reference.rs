//! The request's reference code, e.g. `SAF-7K3Q-9XMD`: printed on the PDF, in the e-mail subject
//! and in the calendar reminder, so that the customer and the company can refer to the request.
//! 40 random bits in Crockford's base 32 (no I, L, O or U to misread); the browser supplies the
//! randomness.

const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// The code for 5 random bytes.
pub fn reference_code(random: [u8; 5]) -> String {
    let bits = random.iter().fold(0u64, |acc, &b| acc << 8 | u64::from(b));
    let chars: String = (0..8)
        .rev()
        .map(|i| ALPHABET[((bits >> (i * 5)) & 31) as usize] as char)
        .collect();
    format!("SAF-{}-{}", &chars[..4], &chars[4..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_use_the_unambiguous_alphabet() {
        assert_eq!(reference_code([0; 5]), "SAF-0000-0000");
        assert_eq!(reference_code([0xff; 5]), "SAF-ZZZZ-ZZZZ");
        // 0x0123456789 = 00000 00100 10001 10100 01010 11001 11100 01001
        assert_eq!(reference_code([0x01, 0x23, 0x45, 0x67, 0x89]), "SAF-04HM-ASW9");
        let code = reference_code([0x5a, 0xa5, 0x3c, 0xc3, 0x99]);
        assert!(code[4..].chars().all(|c| c == '-' || !"ILOU".contains(c)));
    }
}
