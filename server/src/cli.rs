//! The command line: `serve` (the default), `check`, `migrate`, `backup`, `restore`, `demo`,
//! `add-learner`, `add-staff` and `export-content`.
//!
//! It speaks English, for the operators who install and run the site (as its logs and the
//! README do); the only French it prints is what `check` reports about lessons (the
//! `file:line:column: message` lines trainers also see in the editor).

use std::io::BufRead;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand, ValueEnum};
use tracing_subscriber::EnvFilter;

use app::ssr::auth::format_code;
use app::ssr::content;
use app::ssr::db;
use app::ssr::services::{accounts, demo, network, team};

use crate::config::Config;
use crate::startup;

#[derive(Debug, Parser)]
#[command(
    name = "server",
    about = "Pas à Pas: the server of a self-paced learning platform, and its operations."
)]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Start the web server (the default).
    Serve {
        /// Create the demo accounts and learner first (never in a real deployment).
        #[arg(long, env = "PAP_DEMO")]
        demo: bool,
    },
    /// Check every lesson module and print each problem as `path:line:column: message`.
    Check {
        /// The content folder. Default: `PAP_CONTENT_DIR`, or `content`.
        dir: Option<PathBuf>,
    },
    /// Bring the database up to date (after an automatic backup beside a SQLite database),
    /// then stop. `serve` does the same when it starts.
    Migrate,
    /// Make a backup of the database and the content folder while the site runs.
    Backup {
        /// The archive to write. Default: `pas-a-pas-sauvegarde-DATE-TIME.tar.gz` here.
        file: Option<PathBuf>,
    },
    /// Put a backup back in place: the site must be stopped. What it replaces is kept
    /// beside it (`….before-restore-…`).
    Restore {
        /// The archive made by `server backup` (or found in `PAP_BACKUP_DIR`).
        file: PathBuf,
    },
    /// Create the demo accounts and learner, then stop.
    Demo,
    /// Create a learner followed by a volunteer; prints the learner's code.
    AddLearner {
        /// The first name or nickname.
        #[arg(long)]
        name: String,
        /// The identifier of the volunteer who follows the learner.
        #[arg(long)]
        volunteer: String,
        /// A chosen code (default: a new random one).
        #[arg(long)]
        code: Option<String>,
    },
    /// Write the lessons as served (the content folder with the edits made in the browser)
    /// to a folder, for git. Writing to the content folder itself writes only the browser
    /// edits over its files.
    ExportContent {
        /// The folder to write (created if missing).
        dir: PathBuf,
    },
    /// Create a staff account; the password is read from standard input.
    AddStaff {
        /// The structure (association, social centre…); created if it does not exist.
        #[arg(long)]
        structure: String,
        /// The sign-in identifier.
        #[arg(long)]
        username: String,
        /// The first name shown to learners.
        #[arg(long)]
        name: String,
        /// Roles (repeat for several).
        #[arg(long = "role", value_enum, required = true)]
        roles: Vec<Role>,
    },
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Role {
    Volunteer,
    Trainer,
    Coordinator,
    /// An administrator of the programme (`/programme`): territories, structures, their
    /// coordinators and the programme's report.
    ProgrammeAdmin,
}

impl Cli {
    pub fn run(self) -> ExitCode {
        tracing_subscriber::fmt()
            .with_env_filter(
                EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
            )
            .with_writer(std::io::stderr)
            .init();
        let config = match Config::from_env() {
            Ok(c) => c,
            Err(e) => {
                eprintln!("configuration error: {e}");
                return ExitCode::from(2);
            }
        };
        let runtime = match tokio::runtime::Runtime::new() {
            Ok(r) => r,
            Err(e) => {
                eprintln!("cannot start the async runtime: {e}");
                return ExitCode::FAILURE;
            }
        };
        let result = runtime.block_on(async move {
            match self.command.unwrap_or(Command::Serve { demo: false }) {
                Command::Serve { demo } => startup::serve(config, demo)
                    .await
                    .map(|_| ExitCode::SUCCESS),
                Command::Check { dir } => Ok(check(&dir.unwrap_or(config.content_dir))),
                Command::Migrate => migrate(&config).await,
                Command::Backup { file } => backup(&config, file).await,
                Command::Restore { file } => restore(&config, &file).await,
                Command::Demo => {
                    let db = startup::open_database(&config).await?;
                    demo::seed(&db).await?;
                    println!("Demo data ready.");
                    Ok(ExitCode::SUCCESS)
                }
                Command::AddLearner {
                    name,
                    volunteer,
                    code,
                } => add_learner(&config, &name, &volunteer, code.as_deref()).await,
                Command::ExportContent { dir } => {
                    let exported = export_content(&config, &dir).await?;
                    println!(
                        "Content written to {}: {} files from {}, {} texts and {} images edited in the browser.",
                        dir.display(),
                        exported.from_folder,
                        config.content_dir.display(),
                        exported.texts,
                        exported.images
                    );
                    if exported.drafts_left > 0 {
                        println!(
                            "{} saved over a published version stay in the browser (their published version was written).",
                            count(exported.drafts_left, "draft", "drafts")
                        );
                    }
                    Ok(ExitCode::SUCCESS)
                }
                Command::AddStaff {
                    structure,
                    username,
                    name,
                    roles,
                } => add_staff(&config, &structure, &username, &name, &roles).await,
            }
        });
        result.unwrap_or_else(|e| {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        })
    }
}

/// `server migrate`.
async fn migrate(config: &Config) -> anyhow::Result<ExitCode> {
    let db = db::connect(&config.database_url).await?;
    let report = db::migrate(&db, &config.database_url, &config.pre_migration_backup()).await?;
    if let Some(backup) = &report.backup {
        println!("Backup made first: {}", backup.display());
    }
    if report.applied.is_empty() {
        println!("The database is up to date.");
    } else {
        for name in &report.applied {
            println!("Applied {name}");
        }
    }
    db.close().await.ok();
    Ok(ExitCode::SUCCESS)
}

/// `server export-content DIR`: the content served, written to files.
pub async fn export_content(
    config: &Config,
    dir: &std::path::Path,
) -> anyhow::Result<app::ssr::services::authoring::Exported> {
    let db = startup::open_database(config).await?;
    let exported = app::ssr::services::authoring::export(&db, &config.content_dir, dir)
        .await
        .with_context(|| format!("cannot export the content to {}", dir.display()))?;
    db.close().await.ok();
    Ok(exported)
}

/// `server backup [FILE]`.
async fn backup(config: &Config, file: Option<PathBuf>) -> anyhow::Result<ExitCode> {
    if let Some(path) = db::sqlite_file(&config.database_url) {
        anyhow::ensure!(
            std::path::Path::new(path).is_file(),
            "there is no database at {path} (check DATABASE_URL)"
        );
    }
    let file = file.unwrap_or_else(|| {
        let stamp = time::OffsetDateTime::now_utc()
            .format(time::macros::format_description!(
                "[year][month][day]-[hour][minute][second]"
            ))
            .unwrap_or_default();
        PathBuf::from(format!("pas-a-pas-sauvegarde-{stamp}.tar.gz"))
    });
    let db = db::connect(&config.database_url).await?;
    let summary = crate::backup::create(config, &db, &file).await?;
    db.close().await.ok();
    println!(
        "Backup written: {} ({} files, {:.1} MB).",
        summary.path.display(),
        summary.files,
        summary.bytes as f64 / 1e6
    );
    Ok(ExitCode::SUCCESS)
}

/// `server restore FILE`.
async fn restore(config: &Config, file: &std::path::Path) -> anyhow::Result<ExitCode> {
    let restored = crate::backup::restore(config, file).await?;
    println!(
        "Restored the backup made on {} (schema {}).",
        restored.created,
        restored.schema.as_deref().unwrap_or("empty")
    );
    for kept in &restored.kept {
        println!("What was there before is kept in {}", kept.display());
    }
    println!("You can start the site again.");
    Ok(ExitCode::SUCCESS)
}

/// `n` and its noun, in English: "1 error", "0 errors", "2 errors".
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The last line of `server check`: "4 modules and 12 lessons valid; 0 errors, 2 warnings."
pub fn check_summary(modules: usize, lessons: usize, errors: usize, warnings: usize) -> String {
    format!(
        "{} and {} valid; {}, {}.",
        count(modules, "module", "modules"),
        count(lessons, "lesson", "lessons"),
        count(errors, "error", "errors"),
        count(warnings, "warning", "warnings")
    )
}

/// Why a password given to `add-staff` is refused (the same rule as a password chosen
/// from an invitation link, whose page says it in French).
fn password_problem(problem: app::model::PasswordProblem) -> String {
    use app::model::PasswordProblem;
    match problem {
        PasswordProblem::OnlySpaces => "the password is only spaces".into(),
        PasswordProblem::TooShort { min } => {
            format!("the password is too short: at least {min} characters")
        }
        PasswordProblem::Common => {
            "the password is in the lists of leaked passwords: choose another one".into()
        }
        PasswordProblem::IsUsername => "the password must not be the identifier".into(),
        PasswordProblem::Guessable => {
            "the password is too easy to guess: make it longer, with words of your own".into()
        }
    }
}

/// `server check`: prints every problem, then a summary; fails if any error was found.
fn check(dir: &std::path::Path) -> ExitCode {
    let report = content::load(dir);
    for problem in &report.problems {
        println!("{problem}");
    }
    let errors = report.errors().count();
    let warnings = report.problems.len() - errors;
    println!(
        "{}",
        check_summary(
            report.catalog.all().len(),
            report.catalog.lesson_count(),
            errors,
            warnings,
        )
    );
    if errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

async fn add_staff(
    config: &Config,
    structure: &str,
    username: &str,
    name: &str,
    roles: &[Role],
) -> anyhow::Result<ExitCode> {
    let mut password = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut password)
        .context("cannot read the password from standard input")?;
    let password = password.trim_end_matches(['\r', '\n']);
    // The same rule as a password chosen from an invitation link.
    if let Some(problem) = team::password_problem(password, username, &[name, structure]) {
        anyhow::bail!("{}", password_problem(problem));
    }
    let db = startup::open_database(config).await?;
    anyhow::ensure!(
        accounts::find_staff_by_username(&db, username)
            .await?
            .is_none(),
        "the identifier {username} is already taken"
    );
    let structure = accounts::find_or_create_structure(&db, structure).await?;
    let roles_asked = roles;
    let roles = accounts::Roles {
        volunteer: roles.iter().any(|r| matches!(r, Role::Volunteer)),
        trainer: roles.iter().any(|r| matches!(r, Role::Trainer)),
        coordinator: roles.iter().any(|r| matches!(r, Role::Coordinator)),
    };
    let gate = app::ssr::auth::PasswordGate::for_this_machine();
    let staff =
        accounts::create_staff(&db, &gate, structure.id, username, name, password, roles).await?;
    if roles_asked
        .iter()
        .any(|r| matches!(r, Role::ProgrammeAdmin))
    {
        network::make_programme_admin(&db, staff.id).await?;
    }
    println!("Account {} created.", staff.username);
    Ok(ExitCode::SUCCESS)
}

async fn add_learner(
    config: &Config,
    name: &str,
    volunteer: &str,
    code: Option<&str>,
) -> anyhow::Result<ExitCode> {
    anyhow::ensure!(!name.trim().is_empty(), "the name is empty");
    let db = startup::open_database(config).await?;
    let volunteer = accounts::find_staff_by_username(&db, volunteer)
        .await?
        .with_context(|| format!("there is no staff account {volunteer}"))?;
    if let Some(code) = code {
        anyhow::ensure!(
            accounts::find_learner_by_code(&db, code).await?.is_none(),
            "the code {code} is already taken"
        );
    }
    let learner =
        accounts::create_learner(&db, volunteer.structure_id, Some(volunteer.id), name, code)
            .await?;
    println!("{}", format_code(&learner.code));
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_is_english_with_its_plurals() {
        assert_eq!(
            check_summary(1, 1, 17, 9),
            "1 module and 1 lesson valid; 17 errors, 9 warnings."
        );
        assert_eq!(
            check_summary(4, 12, 0, 1),
            "4 modules and 12 lessons valid; 0 errors, 1 warning."
        );
    }

    #[test]
    fn every_password_problem_is_said_in_english() {
        use app::model::PasswordProblem;
        for p in [
            PasswordProblem::OnlySpaces,
            PasswordProblem::TooShort { min: 12 },
            PasswordProblem::Common,
            PasswordProblem::IsUsername,
            PasswordProblem::Guessable,
        ] {
            let words = password_problem(p);
            assert!(words.starts_with("the password"), "{words}");
            assert!(words.is_ascii(), "{words}");
        }
    }
}
