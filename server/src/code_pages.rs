//! The pages of the server's own code that only start-up ran, given back when serving starts.
//!
//! Linux maps a program's code from its file as it runs, and 64 KiB around each page it
//! touches (fault-around). Starting the server runs code from most of its 50 MB binary —
//! the migrations' check, the content loader and its Markdown and HTML crates, the step
//! templates, the tracing and command-line set-up — and leaves 25 MiB of it resident, two
//! thirds of the idle server's memory, most of which serving never runs again (README,
//! Performance: "Where the memory is"). These pages are clean copies of the file: the
//! kernel would drop them under memory pressure anyway, but until then they count in the
//! server's resident memory and crowd out what a small host needs.
//!
//! [`release`] unmaps them (`MADV_DONTNEED`) once the server listens. They stay in the page
//! cache: the ones serving needs are mapped again at their first use, by a minor fault
//! (no disk read), and the others are left to the kernel.
//!
//! Only private, read-only mappings of the server's own file that hold no copy of their own
//! (a page written once — the loader's relocations — is a private copy, and the mapping is
//! then left alone) are touched: every page they map is the file's, and dropping it loses
//! nothing.

/// One mapping of `/proc/self/smaps`: where it is, what it maps and what of it is resident.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Mapping {
    start: usize,
    end: usize,
    perms: String,
    path: String,
    /// Resident, KiB.
    rss_kib: u64,
    /// Pages of its own, KiB: copies made on a write (`Anonymous`). (`Private_Dirty` is no
    /// sign of them: it also counts the file's own pages not yet written to disk, as
    /// after a build.)
    own_kib: u64,
}

impl Mapping {
    /// A private, read-only mapping of `file` whose pages are all the file's: dropping
    /// them loses nothing, and nothing can write to it before they are dropped.
    fn is_clean_copy_of(&self, file: &str) -> bool {
        // `r-?p`: readable, not writable, private.
        self.path == file
            && self.perms.starts_with("r-")
            && self.perms.ends_with('p')
            && self.own_kib == 0
            && self.rss_kib > 0
    }
}

/// The mappings listed in a `/proc/<pid>/smaps` text.
fn mappings(smaps: &str) -> Vec<Mapping> {
    let mut out: Vec<Mapping> = Vec::new();
    for line in smaps.lines() {
        if let Some(mapping) = header(line) {
            out.push(mapping);
            continue;
        }
        let Some(current) = out.last_mut() else {
            continue;
        };
        let Some((key, rest)) = line.split_once(':') else {
            continue;
        };
        let kib = || {
            rest.trim()
                .strip_suffix("kB")
                .and_then(|n| n.trim().parse::<u64>().ok())
        };
        match key {
            "Rss" => current.rss_kib = kib().unwrap_or(0),
            // An unreadable count is taken as pages of its own: the mapping is left alone.
            "Anonymous" => current.own_kib = kib().unwrap_or(u64::MAX),
            _ => {}
        }
    }
    out
}

/// A mapping's first line: `start-end perms offset dev inode [path]`.
fn header(line: &str) -> Option<Mapping> {
    let mut fields = line.splitn(6, ' ');
    let (start, end) = fields.next()?.split_once('-')?;
    let start = usize::from_str_radix(start, 16).ok()?;
    let end = usize::from_str_radix(end, 16).ok()?;
    let perms = fields.next()?;
    if perms.len() != 4 {
        return None;
    }
    let (_offset, _dev, _inode) = (fields.next()?, fields.next()?, fields.next()?);
    let path = fields.next().unwrap_or("").trim_start().to_owned();
    Some(Mapping {
        start,
        end,
        perms: perms.to_owned(),
        path,
        rss_kib: 0,
        own_kib: 0,
    })
}

/// Unmaps the resident pages of the server's code and read-only data (see the module's
/// documentation). Returns how many bytes were resident in the mappings given back.
/// Reads `/proc/self/smaps`: call it from a blocking task.
#[cfg(target_os = "linux")]
pub fn release() -> std::io::Result<u64> {
    let exe = std::fs::read_link("/proc/self/exe")?;
    let exe = exe.to_string_lossy();
    let smaps = std::fs::read_to_string("/proc/self/smaps")?;
    let mut released = 0;
    for mapping in mappings(&smaps) {
        if !mapping.is_clean_copy_of(&exe) {
            continue;
        }
        // SAFETY: the range is one whole mapping of the kernel's own list, private and
        // read-only, mapped from the server's file and holding no copy of its own (no page
        // copied on a write; none can be, as the mapping is not writable and nothing in the
        // server changes its protection). MADV_DONTNEED on such a mapping only unmaps
        // pages equal to the file's; each is mapped again from the file when next used. No
        // Rust object is affected: the memory stays mapped, readable and unchanged.
        #[allow(unsafe_code)]
        let done = unsafe {
            libc::madvise(
                mapping.start as *mut libc::c_void,
                mapping.end - mapping.start,
                libc::MADV_DONTNEED,
            )
        };
        if done == 0 {
            released += mapping.rss_kib * 1024;
        }
    }
    Ok(released)
}

/// Elsewhere the pages stay as they are.
#[cfg(not(target_os = "linux"))]
pub fn release() -> std::io::Result<u64> {
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXE: &str = "/srv/pas-a-pas/server";

    fn smaps() -> String {
        [
            // The code: clean.
            "55d000000000-55d000400000 r-xp 00100000 fd:01 1234 /srv/pas-a-pas/server",
            "Size:               4096 kB",
            "Rss:                1024 kB",
            "Shared_Dirty:          0 kB",
            "Private_Dirty:         0 kB",
            "Anonymous:             0 kB",
            // Read-only data: the file's pages, some not yet on disk (just built).
            "55d000400000-55d000500000 r--p 00500000 fd:01 1234 /srv/pas-a-pas/server",
            "Rss:                 256 kB",
            "Shared_Dirty:          0 kB",
            "Private_Dirty:       256 kB",
            "Anonymous:             0 kB",
            // Relocated at load, then made read-only: copies of its own.
            "55d000500000-55d000520000 r--p 00600000 fd:01 1234 /srv/pas-a-pas/server",
            "Rss:                 128 kB",
            "Shared_Dirty:          0 kB",
            "Private_Dirty:       128 kB",
            "Anonymous:           128 kB",
            // Writable data: never.
            "55d000520000-55d000530000 rw-p 00620000 fd:01 1234 /srv/pas-a-pas/server",
            "Rss:                  64 kB",
            "Shared_Dirty:          0 kB",
            "Private_Dirty:         0 kB",
            "Anonymous:             0 kB",
            // Another file's code, and the heap.
            "7f0000000000-7f0000100000 r-xp 00000000 fd:01 99 /usr/lib/x86_64-linux-gnu/libc.so.6",
            "Rss:                 512 kB",
            "Private_Dirty:         0 kB",
            "Anonymous:             0 kB",
            "7f0000200000-7f0000300000 rw-p 00000000 00:00 0 ",
            "Rss:                 900 kB",
            "Private_Dirty:       900 kB",
            "Anonymous:           900 kB",
            // A path with a space, and a count that cannot be read.
            "7f0000400000-7f0000500000 r-xp 00000000 fd:01 7 /srv/pas-a-pas/server",
            "Rss:                  32 kB",
            "Private_Dirty:         0 kB",
            "Anonymous:             ? kB",
            "7f0000600000-7f0000700000 r-xp 00000000 fd:01 8 /srv/pas a pas/server",
            "Rss:                  16 kB",
            "Private_Dirty:         0 kB",
            "Anonymous:             0 kB",
        ]
        .join("\n")
    }

    #[test]
    fn only_the_files_clean_read_only_mappings_are_given_back() {
        let all = mappings(&smaps());
        assert_eq!(all.len(), 8);
        assert_eq!(all[0].start, 0x55d0_0000_0000);
        assert_eq!(all[0].end, 0x55d0_0040_0000);
        assert_eq!(all[7].path, "/srv/pas a pas/server");
        let chosen: Vec<u64> = all
            .iter()
            .filter(|m| m.is_clean_copy_of(EXE))
            .map(|m| m.rss_kib)
            .collect();
        assert_eq!(chosen, [1024, 256]);
        assert!(all[7].is_clean_copy_of("/srv/pas a pas/server"));
    }

    #[test]
    fn a_mapping_with_nothing_resident_is_left_alone() {
        let text = "55d000000000-55d000400000 r-xp 00100000 fd:01 1234 /srv/pas-a-pas/server\nRss: 0 kB\nPrivate_Dirty: 0 kB\nAnonymous: 0 kB";
        assert!(!mappings(text)[0].is_clean_copy_of(EXE));
    }

    /// Given back in this very test process: its code keeps running (each page is mapped
    /// again as it is used), and less of its file is resident afterwards.
    #[cfg(target_os = "linux")]
    #[test]
    fn the_code_given_back_runs_again_and_is_no_longer_resident() {
        let exe = std::fs::read_link("/proc/self/exe").unwrap();
        let exe = exe.to_string_lossy().into_owned();
        let resident = || -> u64 {
            let smaps = std::fs::read_to_string("/proc/self/smaps").unwrap();
            mappings(&smaps)
                .iter()
                .filter(|m| m.path == exe && !m.perms.contains('w'))
                .map(|m| m.rss_kib)
                .sum()
        };
        let before = resident();
        let released = release().unwrap();
        let after = resident();
        assert!(released > 0, "nothing given back");
        assert!(
            after < before,
            "still resident: {after} KiB of {before} KiB"
        );
        // Code that runs after: formatting, hashing, a thread.
        let text = format!("{:?}", (1..5).collect::<Vec<_>>());
        let joined = std::thread::spawn(move || text.len()).join().unwrap();
        assert_eq!(joined, 12);
    }
}
