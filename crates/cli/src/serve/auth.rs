//! Requests are authenticated in shape only: an AWS client always signs with Signature
//! Version 4, so a request without a well-formed `Authorization` header is refused as AWS
//! refuses it. The signature itself is not checked (the lab has no secret keys); the README
//! says so.

/// Why a request's `Authorization` header is refused: AWS's error type, status and message.
#[derive(Debug, PartialEq, Eq)]
pub struct Refusal {
    pub kind: &'static str,
    pub status: u16,
    pub message: String,
}

/// Checks `header` (the `Authorization` header's value, if any) has SigV4's shape:
/// `AWS4-HMAC-SHA256 Credential=KEY/DATE/REGION/SERVICE/aws4_request,
/// SignedHeaders=a;b, Signature=HEX`.
pub fn check(header: Option<&str>) -> Result<(), Refusal> {
    let Some(header) = header else {
        return Err(Refusal {
            kind: "MissingAuthenticationTokenException",
            status: 403,
            message: "Missing Authentication Token: sign the request with Signature Version 4 \
                      (any access key works against ShardLab)"
                .into(),
        });
    };
    let incomplete = |what: &str| {
        Refusal {
        kind: "IncompleteSignatureException",
        status: 400,
        message: format!("Authorization header requires {what} (Signature Version 4: AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…)"),
    }
    };
    let rest = header.strip_prefix("AWS4-HMAC-SHA256 ").ok_or_else(|| incomplete("the AWS4-HMAC-SHA256 algorithm"))?;
    let part = |name: &str| rest.split(',').map(str::trim).find_map(|p| p.strip_prefix(name)).filter(|v| !v.is_empty());
    let credential = part("Credential=").ok_or_else(|| incomplete("'Credential' parameter"))?;
    // KEY/DATE/REGION/SERVICE/aws4_request, the date as eight digits.
    let scope: Vec<&str> = credential.split('/').collect();
    let dated = scope.get(1).is_some_and(|d| d.len() == 8 && d.bytes().all(|b| b.is_ascii_digit()));
    if scope.len() != 5 || scope[0].is_empty() || !dated || scope[4] != "aws4_request" {
        return Err(incomplete("a Credential of the form KEY/YYYYMMDD/REGION/SERVICE/aws4_request"));
    }
    part("SignedHeaders=").ok_or_else(|| incomplete("'SignedHeaders' parameter"))?;
    let signature = part("Signature=").ok_or_else(|| incomplete("'Signature' parameter"))?;
    if signature.len() != 64 || !signature.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(incomplete("a Signature of 64 hexadecimal digits"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SIGNED: &str = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261201/us-east-1/kinesis/aws4_request, \
                          SignedHeaders=content-type;host;x-amz-date;x-amz-target, \
                          Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7";

    #[test]
    fn a_signed_request_passes_and_an_unsigned_one_is_refused_as_aws_refuses_it() {
        assert_eq!(check(Some(SIGNED)), Ok(()));
        let missing = check(None).unwrap_err();
        assert_eq!((missing.kind, missing.status), ("MissingAuthenticationTokenException", 403));
    }

    #[test]
    fn a_malformed_signature_says_which_part_is_wrong() {
        let cases: [(&str, &str); 5] = [
            ("Basic dXNlcjpwYXNz", "AWS4-HMAC-SHA256"),
            ("AWS4-HMAC-SHA256 SignedHeaders=host, Signature=00", "Credential"),
            ("AWS4-HMAC-SHA256 Credential=AKID/2026/us-east-1/kinesis/aws4_request, SignedHeaders=host", "YYYYMMDD"),
            (&SIGNED.replace(", Signature=", ", Sig="), "Signature"),
            (&SIGNED.replace("5d672d79", "zz"), "64 hexadecimal"),
        ];
        for (header, named) in cases {
            let refusal = check(Some(header)).unwrap_err();
            assert_eq!((refusal.kind, refusal.status), ("IncompleteSignatureException", 400), "{header}");
            assert!(refusal.message.contains(named), "{header}: {}", refusal.message);
        }
    }
}
