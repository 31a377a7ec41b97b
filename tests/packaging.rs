//! How seqmig is shipped (issue 20): the npm packages installed offline from their
//! tarballs, their versions, the completion scripts and man page, and no OpenSSL linked.

use std::path::Path;
use std::process::{Command, Output};

use crate::support::{repo_root, seqmig_bin, skip_differential, TempProject};

fn text(out: &Output) -> String {
    format!(
        "status {:?}\n--- stdout\n{}--- stderr\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// npm or npx in `cwd`, offline, with a cache of the test's own.
fn npm(tool: &str, cwd: &Path, cache: &Path, args: &[&str]) -> Output {
    Command::new(tool)
        .args(args)
        .current_dir(cwd)
        .env("npm_config_cache", cache)
        .env("npm_config_offline", "true")
        .env("npm_config_audit", "false")
        .env("npm_config_fund", "false")
        .env("npm_config_update_notifier", "false")
        .env("NO_COLOR", "1")
        .env_remove("NODE_ENV")
        .output()
        .unwrap_or_else(|e| panic!("{tool} runs: {e}"))
}

/// The one line and exit 1 of the launcher when it cannot run the binary.
#[track_caller]
fn refused(out: &Output, needle: &str) {
    assert_eq!(out.status.code(), Some(1), "{}", text(out));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 1, "{}", text(out));
    assert!(lines[0].starts_with("seqmig: "), "{}", text(out));
    assert!(lines[0].contains(needle), "{}", text(out));
    assert!(out.stdout.is_empty(), "{}", text(out));
}

#[test]
fn npm_package_installs_offline_and_runs_migrations() {
    if skip_differential() {
        return;
    }
    let work = TempProject::new();
    let tarballs = work.path().join("tarballs");
    let cache = work.path().join("npm-cache");
    let packed = Command::new("bash")
        .arg(repo_root().join("npm/pack.sh"))
        .arg(&tarballs)
        .env("SEQMIG_BINARY", seqmig_bin())
        .output()
        .expect("bash runs");
    assert!(packed.status.success(), "{}", text(&packed));
    let version = env!("CARGO_PKG_VERSION");
    let main = tarballs.join(format!("seqmig-cli-{version}.tgz"));
    let platform = tarballs.join(format!("seqmig-cli-linux-x64-gnu-{version}.tgz"));

    // A fresh project, as a team switching from sequelize-cli has one.
    let project = work.path().join("app");
    std::fs::create_dir(&project).unwrap();
    std::fs::write(
        project.join("package.json"),
        r#"{ "name": "app", "private": true }"#,
    )
    .unwrap();
    let installed = npm(
        "npm",
        &project,
        &cache,
        &[
            "install",
            "--offline",
            main.to_str().unwrap(),
            platform.to_str().unwrap(),
        ],
    );
    assert!(installed.status.success(), "{}", text(&installed));
    let licence = std::fs::read_to_string(repo_root().join("LICENSE")).unwrap();
    for package in ["cli", "cli-linux-x64-gnu"] {
        let file = project.join(format!("node_modules/@seqmig/{package}/LICENSE"));
        assert_eq!(
            std::fs::read_to_string(&file).ok().as_deref(),
            Some(licence.as_str()),
            "{}",
            file.display()
        );
    }

    let version_run = npm(
        "npx",
        &project,
        &cache,
        &["--offline", "seqmig", "--version"],
    );
    assert!(version_run.status.success(), "{}", text(&version_run));
    assert!(
        String::from_utf8_lossy(&version_run.stdout).ends_with(&format!("\n{version}\n")),
        "{}",
        text(&version_run)
    );

    crate::support::copy_dir(
        &repo_root().join("migrations-examples/blog/migrations"),
        &project.join("migrations"),
    );
    std::fs::create_dir_all(project.join("config")).unwrap();
    std::fs::write(
        project.join("config/config.json"),
        r#"{ "development": { "dialect": "sqlite", "storage": "db.sqlite", "logging": false } }"#,
    )
    .unwrap();
    let migrate = npm(
        "npx",
        &project,
        &cache,
        &["--offline", "seqmig", "db:migrate"],
    );
    assert!(migrate.status.success(), "{}", text(&migrate));
    let mut files: Vec<String> = std::fs::read_dir(project.join("migrations"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    let db = rusqlite::Connection::open(project.join("db.sqlite")).unwrap();
    let recorded: Vec<String> = db
        .prepare("SELECT name FROM SequelizeMeta ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(recorded, files, "{}", text(&migrate));
    let stdout = String::from_utf8_lossy(&migrate.stdout);
    for f in &files {
        let stem = f.rsplit_once('.').unwrap().0;
        assert!(
            stdout.contains(&format!("== {stem}: migrated")),
            "{}",
            text(&migrate)
        );
    }

    // Bad input: no package for this platform (installed with optional dependencies
    // omitted), then a binary that cannot run.
    let package = project.join("node_modules/@seqmig/cli-linux-x64-gnu");
    let aside = work.path().join("aside");
    std::fs::rename(&package, &aside).unwrap();
    let missing = npm(
        "npx",
        &project,
        &cache,
        &["--offline", "seqmig", "--version"],
    );
    refused(&missing, "npm install @seqmig/cli-linux-x64-gnu");
    std::fs::rename(&aside, &package).unwrap();

    let binary = package.join("bin/seqmig");
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&binary, std::fs::Permissions::from_mode(0o644)).unwrap();
    let not_executable = npm(
        "npx",
        &project,
        &cache,
        &["--offline", "seqmig", "--version"],
    );
    refused(
        &not_executable,
        "is not executable: reinstall @seqmig/cli-linux-x64-gnu",
    );

    // Cut short, as an interrupted download leaves it: sh must not be handed the bytes.
    let whole = std::fs::read(&binary).unwrap();
    std::fs::write(&binary, &whole[..whole.len() / 2]).unwrap();
    std::fs::set_permissions(&binary, std::fs::Permissions::from_mode(0o755)).unwrap();
    let corrupted = npm(
        "npx",
        &project,
        &cache,
        &["--offline", "seqmig", "--version"],
    );
    refused(&corrupted, "is not a valid seqmig binary for linux-x64-gnu");
}

#[test]
fn npm_versions_follow_the_cargo_version() {
    let version = env!("CARGO_PKG_VERSION");
    let npm = repo_root().join("npm");
    let main: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(npm.join("cli/package.json")).unwrap())
            .unwrap();
    assert_eq!(main["version"], version);
    let optional = main["optionalDependencies"].as_object().unwrap();
    let mut platforms = Vec::new();
    for entry in std::fs::read_dir(npm.join("platforms")).unwrap() {
        let dir = entry.unwrap().path();
        let pkg: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join("package.json")).unwrap())
                .unwrap();
        let name = pkg["name"].as_str().unwrap().to_string();
        assert_eq!(pkg["version"], version, "{name}");
        assert_eq!(optional[&name], version, "{name} in @seqmig/cli");
        for field in ["os", "cpu"] {
            assert!(pkg[field].is_array(), "{name} has {field}");
        }
        if pkg["os"][0] == "linux" {
            assert!(pkg["libc"].is_array(), "{name} has libc");
        }
        assert!(pkg.get("scripts").is_none(), "{name} has no install script");
        platforms.push(name);
    }
    platforms.sort();
    let mut listed: Vec<String> = optional.keys().cloned().collect();
    listed.sort();
    assert_eq!(platforms, listed);
    assert!(main.get("scripts").is_none(), "no install script");
}

#[test]
fn completion_scripts_name_the_commands() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let out = Command::new(seqmig_bin())
            .args(["completions", shell])
            .output()
            .unwrap();
        assert!(out.status.success(), "{shell}: {}", text(&out));
        let script = String::from_utf8_lossy(&out.stdout);
        assert!(script.contains("db:migrate"), "{shell}: {script}");
        assert!(script.contains("db:seed:undo:all"), "{shell}");
        assert!(!script.contains("[seqmig: "), "{shell}: no banner");
    }
    let bad = Command::new(seqmig_bin())
        .args(["completions", "tcsh"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(1), "{}", text(&bad));
    assert!(
        String::from_utf8_lossy(&bad.stderr).contains("tcsh"),
        "{}",
        text(&bad)
    );
}

#[test]
fn man_page_renders() {
    let out = Command::new(seqmig_bin()).arg("man").output().unwrap();
    assert!(out.status.success(), "{}", text(&out));
    let page = String::from_utf8_lossy(&out.stdout);
    assert!(page.starts_with(".ie") || page.starts_with(".TH"), "{page}");
    assert!(page.contains(".TH seqmig 1"), "{page}");
    assert!(page.contains("db:migrate"), "{page}");
    // `man` itself reads it, where installed.
    if let Ok(rendered) = Command::new("man")
        .args(["-l", "-"])
        .env("MANWIDTH", "100")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            child.stdin.take().unwrap().write_all(&out.stdout)?;
            child.wait_with_output()
        })
    {
        if rendered.status.success() {
            assert!(String::from_utf8_lossy(&rendered.stdout).contains("db:migrate"));
        }
    }
}

#[test]
fn no_openssl_is_linked() {
    let out = Command::new("ldd")
        .arg(seqmig_bin())
        .output()
        .expect("ldd runs");
    let libs = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        !libs.contains("libssl") && !libs.contains("libcrypto"),
        "{libs}"
    );
}

/// `cargo metadata` of the workspace's own packages (no dependencies).
fn workspace_packages() -> Vec<serde_json::Value> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args([
            "metadata",
            "--format-version",
            "1",
            "--no-deps",
            "--offline",
            "--locked",
        ])
        .current_dir(repo_root())
        .output()
        .expect("cargo metadata runs");
    assert!(out.status.success(), "{}", text(&out));
    let meta: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    meta["packages"].as_array().unwrap().clone()
}

/// A phrase of the licence text a crate must carry for each SPDX id of its `license`
/// (upstream copies word their titles differently: "MIT License", "The MIT License (MIT)").
fn licence_phrase(id: &str) -> &'static str {
    match id {
        "MIT" => "Permission is hereby granted, free of charge, to any person obtaining a copy",
        "Unlicense" => "This is free and unencumbered software released into the public domain.",
        "Apache-2.0" => "Apache License",
        other => panic!("no licence text known for {other}"),
    }
}

/// Every crate has the metadata crates.io shows and the licence files its `license`
/// names (one `LICENSE`, or `LICENSE-<id>` for each of an `OR`); the npm packages say
/// the same licence and repository as the crates.
#[test]
fn licence_and_repository_agree_everywhere() {
    const REPOSITORY: &str = "https://github.com/seqmig/seqmig";
    let root = repo_root();
    let packages = workspace_packages();
    let names: Vec<&str> = packages
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    for expected in ["seqmig", "seqmig-core", "seqmig-js", "seqmig-boa-engine"] {
        assert!(names.contains(&expected), "{names:?}");
    }
    for p in &packages {
        let name = p["name"].as_str().unwrap();
        assert_eq!(p["repository"], REPOSITORY, "{name}");
        for field in ["description", "license", "readme"] {
            assert!(
                p[field].as_str().is_some_and(|s| !s.is_empty()),
                "{name} has no {field}"
            );
        }
        assert!(
            p["keywords"].as_array().is_some_and(|k| !k.is_empty()),
            "{name} has no keywords"
        );
        let dir = Path::new(p["manifest_path"].as_str().unwrap())
            .parent()
            .unwrap();
        let licence = p["license"].as_str().unwrap();
        let ids: Vec<&str> = licence.split(" OR ").collect();
        for id in &ids {
            let file = if ids.len() == 1 {
                dir.join("LICENSE")
            } else {
                // LICENSE-MIT, LICENSE-APACHE (for Apache-2.0), LICENSE-UNLICENSE
                dir.join(format!(
                    "LICENSE-{}",
                    id.split('-').next().unwrap().to_uppercase()
                ))
            };
            let body = std::fs::read_to_string(&file)
                .unwrap_or_else(|e| panic!("{name}: {}: {e}", file.display()));
            assert!(
                body.contains(licence_phrase(id)),
                "{name}: {} is not the {id} text",
                file.display()
            );
        }
    }
    let workspace_licence = std::fs::read_to_string(root.join("LICENSE")).unwrap();
    for p in packages.iter().filter(|p| p["license"] == "MIT") {
        let dir = Path::new(p["manifest_path"].as_str().unwrap())
            .parent()
            .unwrap();
        assert_eq!(
            std::fs::read_to_string(dir.join("LICENSE")).unwrap(),
            workspace_licence,
            "{}",
            p["name"]
        );
    }
    let seqmig = packages.iter().find(|p| p["name"] == "seqmig").unwrap();
    let mut manifests = vec![root.join("npm/cli/package.json")];
    for entry in std::fs::read_dir(root.join("npm/platforms")).unwrap() {
        manifests.push(entry.unwrap().path().join("package.json"));
    }
    for manifest in manifests {
        let pkg: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&manifest).unwrap()).unwrap();
        let name = pkg["name"].as_str().unwrap();
        assert_eq!(pkg["license"], seqmig["license"], "{name}");
        assert_eq!(
            pkg["repository"]["url"],
            format!("git+{REPOSITORY}.git"),
            "{name}"
        );
        let dir = manifest.parent().unwrap().strip_prefix(&root).unwrap();
        assert_eq!(
            pkg["repository"]["directory"],
            dir.to_str().unwrap(),
            "{name}"
        );
    }
}

/// Every crate of the workspace packs (`cargo package --no-verify`, seconds; the full
/// verification, which builds each packed crate, is `.ci/package`, see docs/INSTALL.md),
/// and what made seqmig-js unpackable stays fixed: its shims are inside its package, and
/// it depends on the patched Boa by a crate name of its own, not through `[patch]` (which
/// cargo package and crates.io ignore).
#[test]
fn every_crate_packs_with_its_shims_and_the_patched_boa() {
    let root = repo_root();
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).unwrap();
    assert!(
        !manifest
            .lines()
            .any(|l| l.trim_start().starts_with("[patch")),
        "a [patch] is ignored by cargo package and crates.io"
    );
    let target = tempfile::tempdir().unwrap();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args([
            "package",
            "--workspace",
            "--locked",
            "--offline",
            "--no-verify",
            "--allow-dirty",
            "--target-dir",
        ])
        .arg(target.path())
        .current_dir(&root)
        .output()
        .expect("cargo package runs");
    assert!(out.status.success(), "{}", text(&out));
    let crate_file = |p: &serde_json::Value| {
        target.path().join(format!(
            "package/{}-{}.crate",
            p["name"].as_str().unwrap(),
            p["version"].as_str().unwrap()
        ))
    };
    let tar = |args: &[&str]| {
        let out = Command::new("tar").args(args).output().unwrap();
        assert!(out.status.success(), "{}", text(&out));
        String::from_utf8(out.stdout).unwrap()
    };
    let packages = workspace_packages();
    for p in &packages {
        assert!(crate_file(p).is_file(), "{} was not packed", p["name"]);
    }
    let js = packages.iter().find(|p| p["name"] == "seqmig-js").unwrap();
    let js_crate = crate_file(js);
    let js_crate = js_crate.to_str().unwrap();
    let version = js["version"].as_str().unwrap();
    let listed = tar(&["-tzf", js_crate]);
    let mut shims = 0;
    for entry in std::fs::read_dir(root.join("js-shims")).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        let packed = format!("seqmig-js-{version}/js-shims/{name}");
        assert!(
            listed.lines().any(|l| l == packed),
            "{packed} is not packed"
        );
        shims += 1;
    }
    assert!(shims > 30, "{shims} shims");
    let packed_manifest = tar(&[
        "-xzOf",
        js_crate,
        &format!("seqmig-js-{version}/Cargo.toml"),
    ]);
    let boa = packed_manifest
        .split("[dependencies.boa_engine]")
        .nth(1)
        .unwrap_or_else(|| panic!("no boa_engine dependency:\n{packed_manifest}"));
    let boa = boa.split("\n[").next().unwrap();
    assert!(
        boa.contains("package = \"seqmig-boa-engine\""),
        "{packed_manifest}"
    );
}
