//! A client that cannot work is refused when it is built, with a message
//! that names the fix, rather than at its first call.

use cashflows::{Client, Environment, Error, GatewayCredentials, RemoteAuthCredentials};

fn invalid(result: Result<Client, Error>) -> String {
    match result {
        Err(Error::Invalid(message)) => message,
        Err(other) => panic!("expected Error::Invalid, got {other:?}"),
        Ok(_) => panic!("expected the build to be refused"),
    }
}

fn gateway() -> GatewayCredentials {
    GatewayCredentials::new("23001234567890", "builder-test-api-key")
}

#[test]
fn a_custom_base_url_without_its_scheme_is_refused() {
    for base in [
        "127.0.0.1:8080",
        "localhost",
        "/api/gateway",
        "",
        "ftp://127.0.0.1",
        "http://",
    ] {
        let message = invalid(
            Client::builder(Environment::Custom(base.into()))
                .gateway_credentials(gateway())
                .build(),
        );
        assert!(
            message.contains("http://") && message.contains("https://"),
            "{base}: {message}"
        );
        assert!(
            message.contains("Environment::Custom(\"http://127.0.0.1:8080\""),
            "{message}"
        );
        assert!(!message.contains("builder-test-api-key"), "{message}");
    }
}

#[test]
fn a_custom_base_url_with_its_scheme_builds() {
    for base in [
        "http://127.0.0.1:8080",
        "https://gateway.example/",
        "http://[::1]:9",
    ] {
        Client::builder(Environment::Custom(base.into()))
            .gateway_credentials(gateway())
            .build()
            .unwrap_or_else(|err| panic!("{base}: {err}"));
    }
}

#[test]
fn a_client_without_credentials_is_refused() {
    let message = invalid(Client::builder(Environment::Integration).build());
    assert!(
        message.contains("gateway_credentials") && message.contains("remote_auth_credentials"),
        "{message}"
    );
}

#[test]
fn either_api_s_credentials_are_enough() {
    Client::builder(Environment::Integration)
        .gateway_credentials(gateway())
        .build()
        .expect("Gateway credentials alone");
    Client::builder(Environment::Integration)
        .remote_auth_credentials(RemoteAuthCredentials::new("1234567", "pass"))
        .build()
        .expect("Remote Auth credentials alone");
}
