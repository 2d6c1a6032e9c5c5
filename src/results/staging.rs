//! Atomic output folders: a run writes into a hidden temporary folder beside its target and, only
//! when everything is written, swaps it in (rename the old folder aside, rename the new one in,
//! remove the old). An interrupted run leaves the previous results as they were, plus a hidden
//! `.NAME.callqa-tmp-PID` folder that the next run of the same target removes.
//!
//! A target that exists must be callqa's (a results or reports folder: it holds `run.json` or
//! `index.html`, or is empty): callqa never replaces a folder of someone else's files.

use std::fs;
use std::path::{Path, PathBuf};

use super::{ResultsError, io_error};

const TEMP: &str = "callqa-tmp";
const OLD: &str = "callqa-old";

/// A folder being written for `target`.
#[derive(Debug)]
pub struct Staging {
    target: PathBuf,
    temp: PathBuf,
}

/// Whether `folder` is absent, empty, or one callqa wrote.
fn replaceable(folder: &Path) -> bool {
    match fs::read_dir(folder) {
        Err(_) => !folder.exists(),
        Ok(mut entries) => {
            entries.next().is_none()
                || folder.join("run.json").is_file()
                || folder.join("index.html").is_file()
        }
    }
}

/// `.NAME.KIND-PID` beside `target`.
fn sibling(target: &Path, kind: &str, pid: u32) -> PathBuf {
    let name = target
        .file_name()
        .map_or_else(|| "out".into(), |n| n.to_string_lossy().into_owned());
    target.with_file_name(format!(".{name}.{kind}-{pid}"))
}

impl Staging {
    /// Starts writing `target`: creates the temporary folder beside it (removing those left by
    /// interrupted runs). Fails, before any work, when `target` is not callqa's to replace.
    pub fn begin(target: &Path) -> Result<Staging, ResultsError> {
        let target = if target.as_os_str().is_empty() || target.file_name().is_none() {
            std::path::absolute(target).map_err(|e| io_error(target, e))?
        } else {
            target.to_path_buf()
        };
        if target.file_name().is_none() {
            return Err(io_error(
                &target,
                "cannot write results over the root folder",
            ));
        }
        if !replaceable(&target) {
            return Err(io_error(
                &target,
                "exists and is not a callqa results or reports folder (no run.json, no index.html); \
                 choose another --out or empty it",
            ));
        }
        let parent = target
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        fs::create_dir_all(parent)
            .map_err(|e| io_error(parent, format!("cannot create the folder: {e}")))?;
        remove_leftovers(&target);
        let temp = sibling(&target, TEMP, std::process::id());
        let _ = fs::remove_dir_all(&temp);
        fs::create_dir(&temp)
            .map_err(|e| io_error(&temp, format!("cannot create the temporary folder: {e}")))?;
        Ok(Staging { target, temp })
    }

    /// Where the run writes.
    pub fn path(&self) -> &Path {
        &self.temp
    }

    /// Swaps the written folder in place of the target.
    pub fn commit(self) -> Result<PathBuf, ResultsError> {
        // On failure the old folder is put back and `drop` removes the new one.
        let old = sibling(&self.target, OLD, std::process::id());
        let had_old = self.target.exists();
        if had_old {
            let _ = fs::remove_dir_all(&old);
            fs::rename(&self.target, &old).map_err(|e| {
                io_error(
                    &self.target,
                    format!("cannot move the previous results aside: {e}"),
                )
            })?;
        }
        if let Err(e) = fs::rename(&self.temp, &self.target) {
            if had_old {
                let _ = fs::rename(&old, &self.target);
            }
            return Err(io_error(
                &self.target,
                format!("cannot put the new results in place: {e}"),
            ));
        }
        if had_old {
            let _ = fs::remove_dir_all(&old);
        }
        Ok(self.target.clone())
    }
}

impl Drop for Staging {
    /// A run that fails (or panics) removes its half-written folder; after `commit` there is none.
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.temp);
    }
}

/// Removes the temporary and set-aside folders of earlier, interrupted runs of `target`.
fn remove_leftovers(target: &Path) {
    let Some(name) = target.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return;
    };
    let Some(parent) = target.parent() else {
        return;
    };
    let parent = if parent.as_os_str().is_empty() {
        Path::new(".")
    } else {
        parent
    };
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let file = entry.file_name().to_string_lossy().into_owned();
        for kind in [TEMP, OLD] {
            if file.starts_with(&format!(".{name}.{kind}-")) {
                let _ = fs::remove_dir_all(entry.path());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unfinished_run_leaves_the_previous_results() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("results");
        fs::create_dir(&target).unwrap();
        fs::write(target.join("run.json"), "old").unwrap();

        // Interrupted: never committed.
        let staging = Staging::begin(&target).unwrap();
        fs::write(staging.path().join("run.json"), "half").unwrap();
        drop(staging);
        assert_eq!(fs::read_to_string(target.join("run.json")).unwrap(), "old");

        // The next run clears the leftover and swaps its folder in.
        let staging = Staging::begin(&target).unwrap();
        fs::write(staging.path().join("run.json"), "new").unwrap();
        staging.commit().unwrap();
        assert_eq!(fs::read_to_string(target.join("run.json")).unwrap(), "new");
        let names: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["results"]);
    }

    #[test]
    fn a_folder_of_other_files_is_never_replaced() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("thesis.docx"), "precious").unwrap();
        let err = Staging::begin(dir.path()).unwrap_err();
        assert!(err.to_string().contains("not a callqa results"), "{err}");
        assert!(dir.path().join("thesis.docx").exists());
        // A new folder, or an empty one, is fine.
        Staging::begin(&dir.path().join("new"))
            .unwrap()
            .commit()
            .unwrap();
        assert!(dir.path().join("new").is_dir());
    }
}
