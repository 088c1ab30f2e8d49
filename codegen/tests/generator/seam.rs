//! The seam scan over the real crates: it finds the names the hand-written
//! code is known to use, in the files that use them, and a rename of one of
//! them in the real spec is a spec problem naming those files. That it finds
//! every name the code needs is the compile check's job (`compile.rs`).

use cashflows_codegen::{HandWritten, SourceFile, SpecSources};

use super::support::{hand_written, real_model, repo_root};

#[test]
fn the_scan_finds_the_names_the_crates_use_where_they_use_them() {
    let model = real_model();
    let symbols: Vec<String> = model.symbols().into_iter().map(|(name, _)| name).collect();
    let relied = hand_written().relied_on(symbols.iter().map(String::as_str));
    let expected = [
        (
            "GatewayErrorCode::ThreeDSecureFailed",
            &[
                "crates/cashflows-sandbox/src/gateway/jobs.rs",
                "crates/cashflows-sandbox/src/engine/payments.rs",
            ][..],
        ),
        (
            "RemoteAuthRequest::tran_orig_id",
            &["crates/cashflows/src/remote_auth_form.rs"][..],
        ),
        (
            "models::PaymentStatus",
            &["crates/cashflows/src/return_parameters.rs"][..],
        ),
    ];
    for (name, files) in expected {
        let found = relied.get(name).map(Vec::as_slice).unwrap_or_default();
        for file in files {
            assert!(
                found.iter().any(|f| f == file),
                "{name} in {file}: {found:?}"
            );
        }
    }
    for file in relied.values().flatten() {
        assert!(repo_root().join(file).is_file(), "{file} exists");
    }
    let unused = symbols
        .iter()
        .filter(|name| !relied.contains_key(*name))
        .count();
    assert!(unused > 0, "the crates do not use every row of the spec");
}

#[test]
fn renaming_a_row_the_code_uses_names_the_files_that_use_it() {
    let mut spec = SpecSources::read_dir(&repo_root().join("spec")).expect("spec/ reads");
    let file = (spec.files.iter_mut())
        .find(|file| file.name == "endpoints.yaml")
        .expect("endpoints.yaml is read");
    let renamed = file
        .text
        .replacen("name: tran_orig_id", "name: tran_original_id", 1);
    assert_ne!(renamed, file.text, "the row is in the spec");
    *file = SourceFile {
        name: file.name.clone(),
        text: renamed,
    };
    let problems = cashflows_codegen::resolve(&spec, hand_written())
        .expect_err("the rename is a spec problem")
        .to_string();
    assert!(
        problems.contains(
            "(RemoteAuthRequest::tran_orig_id): hand-written code relies on \
             `RemoteAuthRequest::tran_orig_id` (crates/cashflows/src/remote_auth_form.rs"
        ),
        "{problems}"
    );
    assert!(
        cashflows_codegen::resolve(&spec, &HandWritten::default()).is_ok(),
        "without hand-written code, the renamed spec is valid"
    );
}
