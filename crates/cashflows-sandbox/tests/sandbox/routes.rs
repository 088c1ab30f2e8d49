//! Every Gateway endpoint of the spec is served: an unsigned request to each
//! endpoint's method and path reaches its handler and is refused as unsigned
//! (401), not answered by the fallback for unknown paths (404).

use cashflows::endpoints;

use super::harness::Harness;

#[tokio::test]
async fn every_endpoint_of_the_spec_has_a_route() {
    let Harness { sandbox, http } = Harness::start().await;
    let mut missing = Vec::new();
    for endpoint in endpoints::ALL {
        let path = endpoint
            .path_template
            .split('/')
            .map(|segment| {
                if segment.starts_with('{') {
                    "123"
                } else {
                    segment
                }
            })
            .collect::<Vec<_>>()
            .join("/");
        let method = reqwest::Method::from_bytes(endpoint.method.as_str().as_bytes())
            .expect("a known method");
        let answer = http
            .request(method, format!("{}{path}", sandbox.base_url()))
            .send()
            .await
            .expect("the sandbox answers");
        if answer.status() != reqwest::StatusCode::UNAUTHORIZED {
            missing.push(format!(
                "{} ({} {path}): {}",
                endpoint.name,
                endpoint.method,
                answer.status()
            ));
        }
    }
    assert!(
        missing.is_empty(),
        "endpoints of the spec the sandbox does not serve: {missing:?}"
    );
}
