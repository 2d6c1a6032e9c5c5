//! callqa's entry point: parse arguments, run the subcommand, map errors to exit codes
//! (0 done, even with rejected files; 1 the run failed; 2 usage, rubric or output-folder errors).

use std::process::ExitCode;

/// mimalloc instead of the system allocator: scoring makes many small, short-lived allocations on
/// every worker thread (tokens, turns, rows), where glibc's malloc spent about a third of the run.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::Parser;

use callqa::app::{self, AppError};
use callqa::cli::{Cli, Command, RubricAction};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Score { data, out, run } => app::score(&data, &out, &run),
        Command::Audit { data, out, run } => app::audit(&data, &out, &run),
        Command::Lines { data, out, pbx } => app::lines(&data, &out, &pbx),
        Command::Report {
            results,
            out,
            month,
        } => app::report(&results, &out, month),
        Command::Explain { results, call_id } => app::explain(&results, &call_id),
        Command::Calibrate {
            results,
            evaluations,
            out,
            min_kappa,
            min_agreement,
        } => app::calibrate(
            &results,
            &evaluations,
            out.as_deref(),
            callqa::calibrate::Bar {
                min_kappa,
                min_agreement,
            },
        ),
        Command::Rubric {
            action: RubricAction::Check { file },
        } => app::rubric_check(&file),
        Command::Rubric {
            action: RubricAction::Show,
        } => app::rubric_show(),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(AppError::BrokenPipe) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("callqa: {e}");
            ExitCode::from(e.exit_code())
        }
    }
}
