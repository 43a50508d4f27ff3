//! Running PostgreSQL's client tools (`pg_dump`, `pg_restore`) on the site's database
//! without putting its password on their command line, where every local user can read it
//! (`ps`): the address is given without it, and the password in the tool's environment
//! (`PGPASSWORD`), which only the same user can read.

use std::path::Path;

/// A command for `program` (a PostgreSQL client tool) reaching the database at `url`:
/// `--dbname=` gets the address without its password, `PGPASSWORD` the password.
pub fn command(program: &Path, url: &str) -> std::process::Command {
    let mut command = std::process::Command::new(program);
    let (address, password) = split_password(url);
    command.arg(format!("--dbname={address}"));
    if let Some(password) = password {
        command.env("PGPASSWORD", password);
    }
    command
}

/// `url` without its password, and the password (decoded), if it has one. An address the
/// `url` crate cannot read is given as it is (the tool then says what is wrong with it).
fn split_password(url: &str) -> (String, Option<String>) {
    let Ok(mut parsed) = url::Url::parse(url) else {
        return (url.to_string(), None);
    };
    let Some(password) = parsed.password().map(str::to_string) else {
        return (url.to_string(), None);
    };
    let decoded = percent_encoding::percent_decode_str(&password)
        .decode_utf8_lossy()
        .into_owned();
    if parsed.set_password(None).is_err() {
        return (url.to_string(), None);
    }
    (parsed.to_string(), Some(decoded))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_password_leaves_the_address_for_the_environment() {
        let (address, password) = split_password("postgres://pap:s%40cr%3At@db.example:5432/pap");
        assert_eq!(address, "postgres://pap@db.example:5432/pap");
        assert_eq!(password.as_deref(), Some("s@cr:t"));
        let command = command(Path::new("pg_dump"), "postgres://pap:secret@127.0.0.1/pap");
        let args: Vec<_> = command
            .get_args()
            .map(|a| a.to_string_lossy().into_owned())
            .collect();
        assert_eq!(args, ["--dbname=postgres://pap@127.0.0.1/pap"]);
        assert!(args.iter().all(|a| !a.contains("secret")));
        let env: Vec<_> = command.get_envs().collect();
        assert_eq!(env.len(), 1);
        assert_eq!(env[0].0, "PGPASSWORD");
        assert_eq!(
            env[0]
                .1
                .map(|v| v.to_string_lossy().into_owned())
                .as_deref(),
            Some("secret")
        );
    }

    #[test]
    fn an_address_without_password_is_left_as_it_is() {
        assert_eq!(
            split_password("postgres://pap@127.0.0.1/pap"),
            ("postgres://pap@127.0.0.1/pap".to_string(), None)
        );
        assert_eq!(split_password("not a url"), ("not a url".to_string(), None));
    }
}
