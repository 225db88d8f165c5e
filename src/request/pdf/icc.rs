//! A minimal ICC v2 grey profile (gamma 2.2, D50 white) for the PDF/A output intent: the page is
//! black and grey only, and PDF/A lets device grey be used once an output intent says what it
//! means. 300-odd bytes instead of a 3–60 KB sRGB profile.

fn be32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_be_bytes());
}

/// s15Fixed16 values of the D50 illuminant (X, Y, Z).
const D50: [u32; 3] = [0x0000_F6D6, 0x0001_0000, 0x0000_D32D];

/// The profile's bytes.
pub fn gray_profile() -> Vec<u8> {
    let description = b"Gray, gamma 2.2\0";
    let mut desc = b"desc\0\0\0\0".to_vec();
    be32(&mut desc, description.len() as u32);
    desc.extend_from_slice(description);
    desc.extend_from_slice(&[0; 4 + 4 + 2 + 1 + 67]);
    let mut cprt = b"text\0\0\0\0".to_vec();
    cprt.extend_from_slice(b"No copyright, use freely\0");
    let mut wtpt = b"XYZ \0\0\0\0".to_vec();
    D50.iter().for_each(|&v| be32(&mut wtpt, v));
    let mut ktrc = b"curv\0\0\0\0".to_vec();
    be32(&mut ktrc, 1);
    ktrc.extend_from_slice(&0x0233u16.to_be_bytes()); // u8Fixed8 2.2

    let tags: [(&[u8; 4], Vec<u8>); 4] = [(b"desc", desc), (b"cprt", cprt), (b"wtpt", wtpt), (b"kTRC", ktrc)];
    let mut table = Vec::new();
    let mut data = Vec::new();
    let data_start = 128 + 4 + 12 * tags.len();
    be32(&mut table, tags.len() as u32);
    for (signature, bytes) in &tags {
        table.extend_from_slice(*signature);
        be32(&mut table, (data_start + data.len()) as u32);
        be32(&mut table, bytes.len() as u32);
        data.extend_from_slice(bytes);
        while data.len() % 4 != 0 {
            data.push(0);
        }
    }
    let size = data_start + data.len();

    let mut out = Vec::with_capacity(size);
    be32(&mut out, size as u32);
    be32(&mut out, 0); // preferred CMM: none
    be32(&mut out, 0x0210_0000); // version 2.1
    out.extend_from_slice(b"mntrGRAYXYZ ");
    for v in [2026u16, 1, 1, 0, 0, 0] {
        out.extend_from_slice(&v.to_be_bytes());
    }
    out.extend_from_slice(b"acsp");
    out.extend_from_slice(&[0; 24]); // platform, flags, manufacturer, model, attributes
    be32(&mut out, 0); // perceptual intent
    D50.iter().for_each(|&v| be32(&mut out, v));
    out.extend_from_slice(&[0; 4 + 16 + 28]); // creator, profile id, reserved
    debug_assert_eq!(out.len(), 128);
    out.extend_from_slice(&table);
    out.extend_from_slice(&data);
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_profile_is_well_formed() {
        let icc = super::gray_profile();
        assert_eq!(
            u32::from_be_bytes(icc[0..4].try_into().unwrap()) as usize,
            icc.len()
        );
        assert_eq!(&icc[36..40], b"acsp");
        assert_eq!(&icc[12..20], b"mntrGRAY");
        let count = u32::from_be_bytes(icc[128..132].try_into().unwrap()) as usize;
        assert_eq!(count, 4);
        for i in 0..count {
            let entry = &icc[132 + 12 * i..144 + 12 * i];
            let offset = u32::from_be_bytes(entry[4..8].try_into().unwrap()) as usize;
            let size = u32::from_be_bytes(entry[8..12].try_into().unwrap()) as usize;
            assert_eq!(offset % 4, 0);
            assert!(offset + size <= icc.len());
            assert_eq!(
                &icc[offset + 4..offset + 8],
                &[0; 4],
                "reserved bytes of each tag"
            );
        }
    }
}
