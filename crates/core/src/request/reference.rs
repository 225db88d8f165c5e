//! The request's reference code, e.g. `SAF-7K3Q-9XMD` (the prefix is the site folder's): printed on the PDF, in the e-mail subject
//! and in the calendar reminder, so that the customer and the company can refer to the request.
//! 40 random bits in Crockford's base 32 (no I, L, O or U to misread); the browser supplies the
//! randomness.

const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// The code for 5 random bytes, after the site's prefix (`reference_prefix` in `site.toml`).
pub fn reference_code(random: [u8; 5]) -> String {
    let bits = random.iter().fold(0u64, |acc, &b| acc << 8 | u64::from(b));
    let chars: String = (0..8)
        .rev()
        .map(|i| ALPHABET[((bits >> (i * 5)) & 31) as usize] as char)
        .collect();
    format!(
        "{}-{}-{}",
        crate::facts::REFERENCE_PREFIX,
        &chars[..4],
        &chars[4..]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_use_the_unambiguous_alphabet() {
        // After the site folder's prefix.
        let code = |random| {
            let code = reference_code(random);
            let prefix = format!("{}-", crate::facts::REFERENCE_PREFIX);
            code.strip_prefix(&prefix)
                .map(str::to_owned)
                .unwrap_or_else(|| panic!("{code}"))
        };
        assert_eq!(code([0; 5]), "0000-0000");
        assert_eq!(code([0xff; 5]), "ZZZZ-ZZZZ");
        // 0x0123456789 = 00000 00100 10001 10100 01010 11001 11100 01001
        assert_eq!(code([0x01, 0x23, 0x45, 0x67, 0x89]), "04HM-ASW9");
        let code = code([0x5a, 0xa5, 0x3c, 0xc3, 0x99]);
        assert!(code.chars().all(|c| c == '-' || !"ILOU".contains(c)));
    }
}
