//! Listing the files of an input folder so that every entry is accounted for: regular files are
//! listed in path order; symbolic links to files and folders are followed, each file read once
//! however many ways lead to it; what is not read is listed with a reason: hidden entries (a name
//! starting with a dot, and everything under a hidden folder), links that lead nowhere or back into a
//! folder being walked (a loop), folders that cannot be opened, and entries that are not regular files
//! (pipes, sockets, devices). Files that cannot be read are found when they are read.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::model::Problem;

/// An entry that was not read, and why (in Spanish).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub path: PathBuf,
    pub code: Problem,
    pub reason: String,
}

/// What a folder holds: the files to read and the entries left unread.
#[derive(Debug, Default)]
pub struct Listing {
    pub files: Vec<PathBuf>,
    pub skipped: Vec<Skipped>,
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_string_lossy().starts_with('.')
}

/// Every file under `folder` (itself followed if it is a link), in path order, and what was skipped.
pub fn list_files(folder: &Path) -> Listing {
    let mut listing = Listing::default();
    // Canonical path -> the path it was first listed under.
    let mut seen: HashMap<PathBuf, PathBuf> = HashMap::new();
    let mut walk = WalkDir::new(folder)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = walk.next() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                let path = error
                    .path()
                    .map_or_else(|| folder.to_path_buf(), Path::to_path_buf);
                listing.skipped.push(walk_error(path, &error));
                continue;
            }
        };
        let path = entry.path();
        if entry.depth() > 0 && is_hidden(entry.file_name()) {
            let what = if entry.file_type().is_dir() {
                walk.skip_current_dir();
                "carpeta oculta: no se leyó nada de ella"
            } else {
                "archivo oculto: no se leyó"
            };
            listing.skipped.push(Skipped {
                path: path.to_path_buf(),
                code: Problem::Hidden,
                reason: what.into(),
            });
            continue;
        }
        let kind = entry.file_type();
        if kind.is_dir() {
            continue;
        }
        if !kind.is_file() {
            listing.skipped.push(Skipped {
                path: path.to_path_buf(),
                code: Problem::NotRegular,
                reason: "no es un archivo regular (tubería, socket o dispositivo): no se leyó"
                    .into(),
            });
            continue;
        }
        let canonical = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        if let Some(first) = seen.get(&canonical) {
            listing.skipped.push(Skipped {
                path: path.to_path_buf(),
                code: Problem::SameFile,
                reason: format!(
                    "el mismo archivo que {} (por un enlace): se leyó una vez",
                    relative(first, folder)
                ),
            });
            continue;
        }
        seen.insert(canonical, path.to_path_buf());
        listing.files.push(entry.into_path());
    }
    listing
}

fn relative(path: &Path, folder: &Path) -> String {
    let base = folder.parent().unwrap_or(folder);
    path.strip_prefix(base)
        .unwrap_or(path)
        .to_string_lossy()
        .into_owned()
}

/// A walk error as a skipped entry: a loop, a dangling link or a folder that cannot be opened.
fn walk_error(path: PathBuf, error: &walkdir::Error) -> Skipped {
    if let Some(ancestor) = error.loop_ancestor() {
        return Skipped {
            reason: format!(
                "enlace que vuelve a una carpeta que lo contiene ({}): bucle, no se siguió",
                ancestor.file_name().unwrap_or_default().to_string_lossy()
            ),
            code: Problem::BrokenLink,
            path,
        };
    }
    let io = error.io_error();
    match io.map(std::io::Error::kind) {
        Some(std::io::ErrorKind::NotFound) => Skipped {
            path,
            code: Problem::BrokenLink,
            reason: "enlace roto: su destino no existe".into(),
        },
        _ => Skipped {
            path,
            code: Problem::Unreadable,
            reason: match io {
                Some(io) => format!("no se puede leer: {}", super::io_error(io)),
                None => format!("no se puede leer: `{error}`"),
            },
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(paths: &[PathBuf], root: &Path) -> Vec<String> {
        paths
            .iter()
            .map(|p| p.strip_prefix(root).unwrap().to_string_lossy().into_owned())
            .collect()
    }

    #[cfg(unix)]
    #[test]
    fn links_are_followed_once_loops_and_hidden_entries_are_listed() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let data = root.join("transcripts");
        std::fs::create_dir_all(data.join("a")).unwrap();
        std::fs::create_dir_all(root.join("elsewhere")).unwrap();
        std::fs::create_dir_all(data.join(".git")).unwrap();
        std::fs::write(data.join("a/one.vtt"), "x").unwrap();
        std::fs::write(data.join(".hidden.vtt"), "x").unwrap();
        std::fs::write(data.join(".git/config"), "x").unwrap();
        std::fs::write(root.join("elsewhere/two.vtt"), "x").unwrap();
        symlink(root.join("elsewhere/two.vtt"), data.join("link.vtt")).unwrap();
        symlink(root.join("elsewhere"), data.join("linked")).unwrap();
        symlink(&data, data.join("a/loop")).unwrap();
        symlink(root.join("nowhere.vtt"), data.join("dangling.vtt")).unwrap();
        symlink(data.join("a/one.vtt"), data.join("b.vtt")).unwrap();

        let listing = list_files(&data);
        assert_eq!(names(&listing.files, &data), ["a/one.vtt", "link.vtt"]);
        let skipped: Vec<(String, Problem)> = listing
            .skipped
            .iter()
            .map(|s| {
                let name = s
                    .path
                    .strip_prefix(&data)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                (name, s.code)
            })
            .collect();
        assert_eq!(
            skipped,
            [
                (".git".to_string(), Problem::Hidden),
                (".hidden.vtt".to_string(), Problem::Hidden),
                ("a/loop".to_string(), Problem::BrokenLink),
                ("b.vtt".to_string(), Problem::SameFile),
                ("dangling.vtt".to_string(), Problem::BrokenLink),
                ("linked/two.vtt".to_string(), Problem::SameFile),
            ]
        );
        assert!(
            listing.skipped[2].reason.contains("bucle"),
            "{:?}",
            listing.skipped[2]
        );
        assert!(
            listing.skipped[3].reason.contains("transcripts/a/one.vtt"),
            "{:?}",
            listing.skipped[3]
        );
    }
}
