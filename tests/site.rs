//! `tips site DIR`: the tips in force as a static site, written beside
//! other people's files without ever clobbering them, and judged as a
//! browser and its users meet it: the Nu HTML Checker (vnu), headless
//! Chromium with axe-core (tests/support/site_browser.mjs), pages served by
//! a real web server, and Chromium's print to PDF counted by pdfinfo.

mod common;

use common::{
    assert_usage_error, installed, json_of, needed, require, TestEnv, PLAIN_DAY, TEAM_TIP,
};
use serde_json::{json, Value};
use std::fs;
use std::net::{TcpListener, TcpStream};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

/// A playbook that tries everything a page could be made to obey: markup,
/// event handlers, `javascript:` links, the end of a CDATA section, control
/// characters, and a word too long for any screen.
fn hostile_playbook() -> String {
    let long_word = "Unbreakable".repeat(30);
    format!(
        "replace_builtin = true\n\
         [[tip]]\n\
         number = 1\n\
         slug = \"hostile\"\n\
         title = \"<script>alert(1)</script> & ]]> Fish\"\n\
         tagline = \"<img src=x onerror=alert(2)> \\\" onmouseover=alert(3) '\"\n\
         body = \"Read <a href='javascript:alert(4)'>this</a> or [that](javascript:alert(5)); bell\\u0007 escape\\u001b[2J {long_word}\"\n\
         prompts = [\"\\\"><svg onload=alert(6)>\", \"javascript:alert(7)\", \"]]>\"]\n\
         action = \"<style>body{{display:none}}</style> ]]> <!-- comment --> done\"\n\
         [[tip]]\n\
         number = 2\n\
         slug = \"plain\"\n\
         title = \"Plain\"\n\
         body = \"Nothing odd.\"\n\
         prompts = [\"Is this plain?\", \"Is it?\", \"Really?\"]\n"
    )
}

fn site(env: &TestEnv, args: &[&str]) -> Output {
    env.tips(&["--date", PLAIN_DAY, "site"])
        .args(args)
        .output()
        .expect("tips runs")
}

fn assert_success(output: &Output) {
    assert!(
        output.status.success(),
        "tips site failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// A failure: exit 1, nothing on stdout, one line on stderr that names
/// `what`.
fn assert_refused(output: &Output, what: &str) -> String {
    assert_eq!(
        output.status.code(),
        Some(1),
        "exit 1 expected; stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.stdout.is_empty(), "nothing on stdout");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(stderr.starts_with("tips: "), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
    assert!(stderr.contains(what), "{stderr:?} should name {what:?}");
    stderr
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

/// Every file under `folder`, as paths relative to it, sorted.
fn files_under(folder: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![folder.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path.clone());
            }
            found.push(
                path.strip_prefix(folder)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned(),
            );
        }
    }
    found.sort();
    found
}

fn html_pages(folder: &Path) -> Vec<String> {
    files_under(folder)
        .into_iter()
        .filter(|path| path.ends_with(".html"))
        .collect()
}

fn no_temporary_file_in(folder: &Path) {
    let left: Vec<String> = files_under(folder)
        .into_iter()
        .filter(|path| path.ends_with(".tmp"))
        .collect();
    assert!(left.is_empty(), "temporary files left behind: {left:?}");
}

/// Every `href="…"` and `src="…"` value of a page.
fn link_targets(html: &str) -> Vec<String> {
    let mut targets = Vec::new();
    for attribute in ["href=\"", "src=\""] {
        for (at, _) in html.match_indices(attribute) {
            let rest = &html[at + attribute.len()..];
            targets.push(rest[..rest.find('"').unwrap()].to_string());
        }
    }
    targets
}

#[test]
fn the_site_holds_an_index_a_page_per_tip_the_feed_and_the_season() {
    let env = TestEnv::new();
    let team = env.write("team.toml", TEAM_TIP);
    let dir = env.home().join("public_html/tips");
    let output = site(
        &env,
        &[
            dir.to_str().unwrap(),
            "--tips-file",
            team.to_str().unwrap(),
            "--base-url",
            "https://intranet.example.com/tips/",
        ],
    );
    assert_success(&output);
    let index = read(&dir.join("index.html"));
    // Today's tip comes first, whole: the one `tips today` shows.
    let tip = json_of(&mut env.tips(&[
        "--date",
        PLAIN_DAY,
        "--tips-file",
        team.to_str().unwrap(),
        "today",
        "--json",
    ]));
    let today = index
        .find(&format!(
            "<h2 id=\"today\">Tip {} · {}</h2>",
            tip["number"],
            tip["title"].as_str().unwrap()
        ))
        .expect("today's tip");
    let every = index.find("Every tip").expect("the list of every tip");
    assert!(today < every, "today's tip first");
    let prompt = tip["prompts"][0]
        .as_str()
        .unwrap()
        .replace('\'', "&#39;")
        .replace('"', "&quot;");
    let action = tip["action"]
        .as_str()
        .unwrap()
        .replace('\'', "&#39;")
        .replace('"', "&quot;");
    for text in [prompt.as_str(), "Try today", action.as_str()] {
        let at = index
            .find(text)
            .unwrap_or_else(|| panic!("{text} in the index"));
        assert!(at < every, "{text} belongs to today's tip");
    }
    let pages = html_pages(&dir);
    assert_eq!(pages.len(), 12, "the index and 11 tips: {pages:?}");
    for slug in ["respect", "homework", "follow-up"] {
        let page = format!("tip/{slug}.html");
        assert!(pages.contains(&page), "{page}");
        assert!(index.contains(&format!("href=\"{page}\"")), "{page} linked");
    }
    let follow_up = read(&dir.join("tip/follow-up.html"));
    for text in [
        "Follow Up Fast",
        "Who needs the notes?",
        "Send today&#39;s notes",
    ] {
        assert!(follow_up.contains(text), "{text}: {follow_up}");
    }
    assert!(
        index.contains("href=\"season.ics\""),
        "the index links the calendar"
    );
    let season = read(&dir.join("season.ics"));
    assert!(season.starts_with("BEGIN:VCALENDAR\r\n"));
    assert_eq!(season.matches("BEGIN:VEVENT").count(), 11, "the season");
    let feed = read(&dir.join("feed.xml"));
    assert!(feed.contains("<feed"), "{feed}");
    assert!(
        feed.contains("https://intranet.example.com/tips/tip/"),
        "the feed links the pages under --base-url: {feed}"
    );
    for page in &pages {
        let html = read(&dir.join(page));
        let root = if page.starts_with("tip/") { "../" } else { "" };
        assert!(
            html.contains(&format!(
                "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"The tip of the day\" href=\"{root}feed.xml\">"
            )),
            "{page} links the feed for autodiscovery"
        );
        assert!(
            html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"),
            "{page}"
        );
        assert!(!html.contains("<script"), "{page} has no script");
        // Relative links only: nothing is fetched from elsewhere, and the
        // site works from file:// and under any path of a web server.
        for target in link_targets(&html) {
            assert!(
                !target.contains(':') && !target.starts_with('/'),
                "{page} links {target}"
            );
        }
    }
}

#[test]
fn a_missing_folder_is_made_and_a_file_in_its_place_is_refused() {
    let env = TestEnv::new();
    let dir = env.home().join("a/b/site");
    assert_success(&site(&env, &[dir.to_str().unwrap()]));
    let mode = fs::metadata(&dir).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode & 0o755, 0o755, "a web server can read the folder");
    assert!(dir.join("index.html").is_file());
    no_temporary_file_in(&dir);

    // A link to a folder is that folder (a web root often is one); a link
    // as its `tip/` is not followed.
    let web_root = env.home().join("srv/www");
    fs::create_dir_all(&web_root).unwrap();
    let linked = env.home().join("public_html");
    std::os::unix::fs::symlink(&web_root, &linked).unwrap();
    assert_success(&site(&env, &[linked.to_str().unwrap()]));
    assert!(web_root.join("tip/respect.html").is_file());
    let elsewhere = env.home().join("elsewhere");
    fs::create_dir_all(&elsewhere).unwrap();
    let with_linked_tips = env.home().join("linked-tips");
    fs::create_dir_all(&with_linked_tips).unwrap();
    std::os::unix::fs::symlink(&elsewhere, with_linked_tips.join("tip")).unwrap();
    let refused_with_linked_tips =
        |what: &str| assert_refused(&site(&env, &[with_linked_tips.to_str().unwrap()]), what);
    refused_with_linked_tips(
        "tip is a link or a file, and tips site writes the tips' pages into a folder of its own there",
    );
    assert_eq!(files_under(&elsewhere), Vec::<String>::new());
    // With a file of someone else's in the way too, one refusal names both.
    fs::write(with_linked_tips.join("index.html"), "theirs\n").unwrap();
    let said = refused_with_linked_tips("tip is a link or a file");
    assert!(
        said.contains("; and ") && said.contains("index.html was not written by tips site"),
        "{said}"
    );
    assert_eq!(read(&with_linked_tips.join("index.html")), "theirs\n");
    assert_eq!(files_under(&elsewhere), Vec::<String>::new());
    // A record of someone else's is named in the same line.
    fs::write(with_linked_tips.join(".tips-site"), "not a record\n").unwrap();
    let said = refused_with_linked_tips("tip is a link or a file");
    assert!(
        said.contains(".tips-site was not written by tips site")
            && said.contains("index.html was not written by tips site"),
        "{said}"
    );
    assert_eq!(read(&with_linked_tips.join(".tips-site")), "not a record\n");

    let file = env.write("not-a-folder", "mine\n");
    let refused = site(&env, &[file.to_str().unwrap()]);
    assert_refused(&refused, "not-a-folder is not a folder");
    assert_eq!(read(&file), "mine\n");
}

#[test]
fn bad_input_is_one_line_and_exit_2() {
    let env = TestEnv::new();
    let dir = env.home().join("site");
    let dir = dir.to_str().unwrap();
    for (args, what) in [
        (&[dir, "--base-url", "ftp://example.com/"][..], "--base-url"),
        (&[dir, "--base-url", "example.com"], "https://"),
        (&[dir, "--json"], "leave out --json"),
        (&[], "DIR"),
        (
            &[""],
            "the folder's name is empty: name a folder to write the site into",
        ),
    ] {
        assert_usage_error(&site(&env, args), what);
    }
    assert!(!Path::new(dir).exists(), "nothing was written");
    // A part of the name too long for any file system is refused before
    // any folder on the way is made.
    let too_long = format!("{dir}/team/{}/tips", "ü".repeat(128));
    assert_usage_error(
        &site(&env, &[&too_long]),
        "the folder's name has a part of 256 bytes, longer than the 255 a name may have",
    );
    assert!(!Path::new(dir).exists(), "no folder was made");
    // Parts of 200 bytes each, together too long a path for the files the
    // site writes inside: refused before any folder on the way is made.
    let too_deep = format!("{dir}/{}", vec!["d".repeat(200); 20].join("/"));
    assert_usage_error(
        &site(&env, &[&too_deep]),
        "paths would pass the 4096 bytes a path may have",
    );
    assert!(!Path::new(dir).exists(), "no folder was made");
}

#[test]
fn someone_elses_files_are_never_overwritten_or_removed() {
    let env = TestEnv::new();
    let dir = env.home().join("public_html");
    fs::create_dir_all(dir.join("tip")).unwrap();
    fs::write(dir.join("notes.txt"), "my notes\n").unwrap();
    fs::write(dir.join("tip/mine.html"), "my page\n").unwrap();
    let path = dir.to_str().unwrap();

    // A folder with other files takes the site beside them, and keeps them
    // through every run.
    assert_success(&site(&env, &[path]));
    assert_success(&site(&env, &[path]));
    assert_eq!(read(&dir.join("notes.txt")), "my notes\n");
    assert_eq!(read(&dir.join("tip/mine.html")), "my page\n");

    // A file of the site's name that the site did not write: refused with
    // one line naming it, and nothing at all is written.
    for (name, contents) in [
        ("index.html", "<p>my own home page</p>\n"),
        ("tip/respect.html", "my notes on respect\n"),
        ("style.css", "body { color: red }\n"),
    ] {
        let other = env.home().join(format!("other-{}", name.replace('/', "-")));
        fs::create_dir_all(other.join("tip")).unwrap();
        fs::write(other.join(name), contents).unwrap();
        let refused = site(&env, &[other.to_str().unwrap()]);
        let line = assert_refused(&refused, &format!("{name} was not written by tips site"));
        assert!(line.contains(other.to_str().unwrap()), "{line}");
        assert_eq!(read(&other.join(name)), contents);
        assert_eq!(
            files_under(&other),
            vec!["tip".to_string(), name.to_string()]
                .into_iter()
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect::<Vec<_>>(),
            "nothing written beside it"
        );
    }

    // A page the site wrote and someone changed since is theirs now.
    let respect = dir.join("tip/respect.html");
    let changed = format!("{}<!-- my edit -->\n", read(&respect));
    fs::write(&respect, &changed).unwrap();
    let refused = site(&env, &[path]);
    assert_refused(
        &refused,
        "tip/respect.html was changed since tips site wrote it",
    );
    assert_eq!(read(&respect), changed);
    fs::remove_file(&respect).unwrap();
    assert_success(&site(&env, &[path]));

    // A link in the site's place is not followed, nor replaced.
    let target = env.write("elsewhere.html", "elsewhere\n");
    let linked = env.home().join("linked");
    fs::create_dir_all(&linked).unwrap();
    std::os::unix::fs::symlink(&target, linked.join("index.html")).unwrap();
    assert_refused(&site(&env, &[linked.to_str().unwrap()]), "index.html");
    assert_eq!(read(&target), "elsewhere\n");

    // A manifest the site did not write is someone else's file too.
    let forged = env.home().join("forged");
    fs::create_dir_all(&forged).unwrap();
    fs::write(forged.join(".tips-site"), "index.html\n").unwrap();
    fs::write(forged.join("index.html"), "mine\n").unwrap();
    assert_refused(&site(&env, &[forged.to_str().unwrap()]), ".tips-site");
    assert_eq!(read(&forged.join("index.html")), "mine\n");
    no_temporary_file_in(env.home());

    // Lines of a record that name what the site never writes (a folder of
    // the user's, a name no file system holds) are passed over: the folder
    // stays, and every run goes through.
    let kept = env.home().join("with-strangers-in-its-record");
    assert_success(&site(&env, &[kept.to_str().unwrap()]));
    fs::create_dir_all(kept.join("sub")).unwrap();
    let mut record = read(&kept.join(".tips-site"));
    record.push_str(&format!(
        "0000000000000000 7 sub\n0000000000000000 7 {}.html\n",
        "a".repeat(300)
    ));
    fs::write(kept.join(".tips-site"), record).unwrap();
    for _ in 0..2 {
        let output = site(&env, &[kept.to_str().unwrap()]);
        assert_success(&output);
        let said = String::from_utf8_lossy(&output.stdout);
        assert!(!said.contains("; kept"), "{said}");
    }
    assert!(kept.join("sub").is_dir());
}

#[test]
fn its_own_output_is_regenerated_and_a_tip_gone_from_the_playbook_loses_its_page() {
    let env = TestEnv::new();
    let team = env.write("team.toml", TEAM_TIP);
    let dir = env.home().join("site");
    let path = dir.to_str().unwrap();
    let with_team = ["--tips-file", team.to_str().unwrap()];
    assert_success(&site(&env, &[&[path][..], &with_team].concat()));
    assert!(dir.join("tip/follow-up.html").is_file());
    fs::write(dir.join("tip/kept.html"), "someone's page\n").unwrap();

    // The next day the index is written again for that day.
    let next_day = env
        .tips(&["--date", "2027-02-10", "site", path])
        .args(with_team)
        .output()
        .unwrap();
    assert_success(&next_day);
    assert!(read(&dir.join("index.html")).contains("Wednesday 10 February 2027"));

    // Without the team's playbook, its tip's page goes; nothing else does.
    let output = site(&env, &[path]);
    assert_success(&output);
    assert!(!dir.join("tip/follow-up.html").exists(), "the page is gone");
    assert_eq!(read(&dir.join("tip/kept.html")), "someone's page\n");
    assert_eq!(
        html_pages(&dir).len(),
        12,
        "the index, ten tips and kept.html"
    );
    assert!(!read(&dir.join("index.html")).contains("follow-up"));
    assert!(
        String::from_utf8_lossy(&output.stdout)
            .contains("removed 1 file no longer in the site (tip/follow-up.html)"),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
    no_temporary_file_in(&dir);
}

#[test]
fn temporary_files_of_a_killed_run_are_cleared_by_the_next() {
    let env = TestEnv::new();
    let dir = env.home().join("site");
    fs::create_dir_all(dir.join("tip")).unwrap();
    let two_hours_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(7200);
    let abandoned = [
        dir.join(".tips-site-4242-1796635950295489027.tmp"),
        dir.join("tip/.tips-site-4242-1796635950295550097.tmp"),
    ];
    for path in &abandoned {
        fs::File::create(path)
            .unwrap()
            .set_modified(two_hours_ago)
            .unwrap();
    }
    // One of another run still at work, and a file that only looks alike.
    let at_work = dir.join(".tips-site-4243-1796635950295489999.tmp");
    fs::write(&at_work, "half").unwrap();
    let lookalike = dir.join(".tips-site-notes.tmp");
    fs::File::create(&lookalike)
        .unwrap()
        .set_modified(two_hours_ago)
        .unwrap();
    assert_success(&site(&env, &[dir.to_str().unwrap()]));
    for path in &abandoned {
        assert!(!path.exists(), "{} is left", path.display());
    }
    assert!(at_work.exists(), "a run at work keeps its file");
    assert!(lookalike.exists(), "a file the site did not name is kept");
}

#[test]
fn hostile_playbook_text_is_written_as_text_never_as_markup() {
    let env = TestEnv::new();
    let hostile = env.write("hostile.toml", &hostile_playbook());
    let dir = env.home().join("site");
    assert_success(&site(
        &env,
        &[
            dir.to_str().unwrap(),
            "--tips-file",
            hostile.to_str().unwrap(),
        ],
    ));
    for page in html_pages(&dir) {
        let html = read(&dir.join(&page));
        for markup in [
            "<script",
            "<img",
            "<svg",
            "<a href='",
            "<style>",
            "<!-- comment",
        ] {
            assert!(!html.contains(markup), "{page} holds {markup}");
        }
        assert!(!html.contains("javascript:alert(4)\">"), "{page}");
        for control in ['\u{7}', '\u{1b}'] {
            assert!(!html.contains(control), "{page} holds {control:?}");
        }
        for target in link_targets(&html) {
            assert!(
                !target.to_lowercase().contains("javascript"),
                "{page}: {target}"
            );
        }
    }
    let page = read(&dir.join("tip/hostile.html"));
    assert!(
        page.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; ]]&gt; Fish"),
        "{page}"
    );
    assert!(page.contains("bell^G escape^[[2J"), "{page}");
}

/// A small tmpfs (256 KiB: a file takes a page of 4 KiB at least, and the
/// site is 15 files, each written beside the one it replaces), mounted on a
/// fresh folder, unmounted when dropped.
struct SmallDisk {
    folder: tempfile::TempDir,
}

impl SmallDisk {
    fn mount() -> Option<SmallDisk> {
        let folder = tempfile::tempdir().unwrap();
        let mounted = require("mount")
            && Command::new("mount")
                .args(["-t", "tmpfs", "-o", "size=256k", "tmpfs"])
                .arg(folder.path())
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|status| status.success());
        needed(mounted, "a small tmpfs (mount -t tmpfs, as root)").then_some(SmallDisk { folder })
    }

    fn path(&self) -> &Path {
        self.folder.path()
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.folder.path()).status();
    }
}

#[test]
fn a_full_disk_fails_in_one_line_leaves_no_temporary_file_and_no_page_half_written() {
    let Some(disk) = SmallDisk::mount() else {
        return;
    };
    let env = TestEnv::new();
    let dir = disk.path().join("site");
    let path = dir.to_str().unwrap();
    assert_success(&site(&env, &[path]));
    let before: Vec<(String, String)> = html_pages(&dir)
        .into_iter()
        .map(|page| {
            let html = read(&dir.join(&page));
            (page, html)
        })
        .collect();
    // The disk is filled to leave less and less room, a page (4 KiB) at a
    // time, so that writing runs out at every point of a run in turn, until
    // the filler itself no longer fits.
    let filler = disk.path().join("filler");
    let mut failures = 0;
    for pages in 0.. {
        let _ = fs::remove_file(&filler);
        if fs::write(&filler, vec![b'x'; pages * 4096]).is_err() {
            break;
        }
        // A tip new to every run, with a page larger than the index, so
        // that each index links a page that was not there before and the
        // disk can run out between the two.
        let team = env.write(
            "team.toml",
            &TEAM_TIP
                .replace("follow-up", &format!("follow-up-{pages}"))
                .replace("Send the meeting notes", &"Call back. ".repeat(2000)),
        );
        let output = env
            .tips(&["--date", "2027-02-10", "site", path])
            .args(["--tips-file", team.to_str().unwrap()])
            .output()
            .unwrap();
        no_temporary_file_in(disk.path());
        // The index in place links only to files in place, the new tip's
        // page included once the index names it.
        let index = read(&dir.join("index.html"));
        for target in link_targets(&index) {
            let file = target.split('#').next().unwrap();
            if !file.is_empty() {
                assert!(
                    dir.join(file).is_file(),
                    "the index links {target}, which is missing"
                );
            }
        }
        if output.status.success() {
            continue;
        }
        failures += 1;
        let stderr = assert_refused(&output, "No space left on device");
        assert!(stderr.contains(path), "{stderr}");
        // Every page is whole: the one before, or the new one.
        for (page, html) in &before {
            let now = read(&dir.join(page));
            assert!(
                now == *html || now.ends_with("</html>\n"),
                "{page} is half written"
            );
        }
    }
    assert!(failures > 0, "the disk was never full");
    // With room again, the site is recognised and written again.
    fs::remove_file(&filler).unwrap();
    assert_success(&site(&env, &[path]));
    no_temporary_file_in(disk.path());
}

// ---- The judges: vnu, Chromium with axe-core, print to PDF ----

/// Where .ci/run installs the npm judges: under the target folder.
fn npm_modules() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("npm-judges/node_modules")
}

fn vnu_jar() -> Option<PathBuf> {
    let jar = npm_modules().join("vnu-jar/build/dist/vnu.jar");
    (require("java") && needed(jar.is_file(), "npm's vnu-jar in the target folder")).then_some(jar)
}

fn chromium() -> Option<PathBuf> {
    let found = require("chromium")
        && require("node")
        && needed(
            npm_modules().join("puppeteer-core").is_dir()
                && npm_modules().join("axe-core/axe.min.js").is_file(),
            "npm's puppeteer-core and axe-core in the target folder",
        );
    found.then(|| installed("chromium").expect("found"))
}

/// The built-in tips' site and the hostile playbook's, side by side.
fn two_sites(env: &TestEnv) -> Vec<PathBuf> {
    let hostile = env.write("hostile.toml", &hostile_playbook());
    let builtin = env.home().join("builtin-site");
    let hostile_site = env.home().join("hostile-site");
    assert_success(&site(env, &[builtin.to_str().unwrap()]));
    assert_success(&site(
        env,
        &[
            hostile_site.to_str().unwrap(),
            "--tips-file",
            hostile.to_str().unwrap(),
        ],
    ));
    vec![builtin, hostile_site]
}

#[test]
fn every_page_passes_the_nu_html_checker() {
    let Some(jar) = vnu_jar() else {
        return;
    };
    let env = TestEnv::new();
    for dir in two_sites(&env) {
        let pages: Vec<PathBuf> = html_pages(&dir).iter().map(|page| dir.join(page)).collect();
        let output = env
            .judge("java")
            .arg("-jar")
            .arg(&jar)
            .args(["--errors-only", "--format", "text"])
            .args(&pages)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "vnu found errors in {}: {}{}",
            dir.display(),
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        let css = env
            .judge("java")
            .arg("-jar")
            .arg(&jar)
            .args(["--errors-only", "--css"])
            .arg(dir.join("style.css"))
            .output()
            .unwrap();
        assert!(
            css.status.success(),
            "vnu found errors in the stylesheet: {}",
            String::from_utf8_lossy(&css.stderr)
        );
    }
}

/// `python3 -m http.server` on a free port of 127.0.0.1, serving `dir`;
/// stopped when dropped.
struct Server {
    child: Child,
    port: u16,
}

impl Server {
    fn start(env: &TestEnv, dir: &Path) -> Server {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = env
            .judge("python3")
            .args(["-m", "http.server", "--bind", "127.0.0.1", "--directory"])
            .arg(dir)
            .arg(port.to_string())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut server = Server { child, port };
        // It answers once it listens; a server that died says so here.
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                server.child.try_wait().unwrap().is_none(),
                "the web server stopped"
            );
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        server
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}/", self.port)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Runs tests/support/site_browser.mjs on a site served over HTTP and
/// gives what it found.
fn browse(env: &TestEnv, chromium: &Path, dir: &Path, extra: Value) -> Value {
    let server = Server::start(env, dir);
    let profile = tempfile::tempdir().unwrap();
    let mut config = json!({
        "modules": npm_modules(),
        "chromium": chromium,
        "profile": profile.path(),
        "server": server.url(),
        "root": dir,
        "pages": html_pages(dir),
    });
    config
        .as_object_mut()
        .unwrap()
        .extend(extra.as_object().unwrap().clone());
    let config_file = env.home().join("browser.json");
    fs::write(&config_file, config.to_string()).unwrap();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/support/site_browser.mjs");
    let output = env
        .judge("node")
        .arg(script)
        .arg(&config_file)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "the browser script failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("JSON from the browser script")
}

#[test]
fn in_chromium_no_page_breaks_wcag_scrolls_sideways_runs_script_or_has_a_dead_link() {
    let Some(chromium) = chromium() else {
        return;
    };
    let env = TestEnv::new();
    let mut seen_pages = Vec::new();
    for dir in two_sites(&env) {
        let found = browse(&env, &chromium, &dir, json!({}));
        let pages = found["pages"].as_array().unwrap();
        assert_eq!(pages.len(), html_pages(&dir).len());
        for page in pages {
            let name = &page["path"];
            assert_eq!(page["status"], 200, "{name}");
            assert_eq!(
                page["axe"],
                json!([]),
                "{name}: violations of WCAG 2.1 A/AA, heading order or landmarks"
            );
            assert_eq!(
                page["sideways"],
                json!({"320": 0, "1280": 0}),
                "{name} scrolls sideways"
            );
            assert_eq!(page["scripts"], 0, "{name} has a script");
            assert_eq!(page["handlers"], json!([]), "{name} has event handlers");
            assert_eq!(page["javascript_links"], 0, "{name} has javascript: links");
        }
        let links = found["links"].as_array().unwrap();
        assert!(links.len() >= 4, "{links:?}");
        for link in links {
            assert_eq!(link["status"], 200, "a dead link: {link}");
        }
        assert_eq!(found["foreign_requests"], json!([]), "over HTTP");
        assert_eq!(found["file_foreign_requests"], json!([]), "from file://");
        assert_eq!(found["dialogs"], json!([]), "a script ran");
        seen_pages.extend(pages.iter().cloned());
    }
    // The hostile text is shown as it was written, as text.
    let page = seen_pages
        .iter()
        .find(|page| page["path"] == "tip/hostile.html")
        .unwrap();
    let text = page["text"].as_str().unwrap();
    for literal in [
        "<script>alert(1)</script> & ]]> Fish",
        "<img src=x onerror=alert(2)> \" onmouseover=alert(3) '",
        "Read <a href='javascript:alert(4)'>this</a> or [that](javascript:alert(5)); bell^G escape^[[2J",
        "\"><svg onload=alert(6)>",
        "<style>body{display:none}</style> ]]> <!-- comment --> done",
    ] {
        assert!(text.contains(literal), "{literal:?} not shown in {text:?}");
    }
}

#[test]
fn every_tip_page_prints_on_one_sheet_of_a4_and_of_letter() {
    let Some(chromium) = chromium() else {
        return;
    };
    if !require("pdfinfo") {
        return;
    }
    let env = TestEnv::new();
    let dir = env.home().join("site");
    assert_success(&site(&env, &[dir.to_str().unwrap()]));
    let pdfs = env.home().join("pdf");
    fs::create_dir_all(&pdfs).unwrap();
    let pages_of = |pdf: &Path| -> String {
        let info = env.judge("pdfinfo").arg(pdf).output().unwrap();
        let info = String::from_utf8_lossy(&info.stdout).into_owned();
        info.lines()
            .find(|line| line.starts_with("Pages:"))
            .map(|line| line.split_whitespace().last().unwrap().to_string())
            .unwrap_or_else(|| panic!("pdfinfo read no page count: {info}"))
    };
    // Chromium's own print to PDF, on its default paper (Letter).
    for page in html_pages(&dir)
        .iter()
        .filter(|page| page.starts_with("tip/"))
    {
        let profile = tempfile::tempdir().unwrap();
        let pdf = pdfs.join(page.replace('/', "-") + ".pdf");
        let output = env
            .judge(&chromium)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg(format!("--print-to-pdf={}", pdf.display()))
            .arg(format!("file://{}", dir.join(page).display()))
            .output()
            .unwrap();
        assert!(
            pdf.is_file(),
            "Chromium printed no PDF of {page}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert_eq!(pages_of(&pdf), "1", "{page} on Letter");
    }
    // And on A4, through puppeteer.
    let found = browse(&env, &chromium, &dir, json!({ "pdf_dir": pdfs }));
    let a4 = found["pdfs"].as_array().unwrap();
    assert_eq!(a4.len(), 10);
    for pdf in a4 {
        let pdf = Path::new(pdf.as_str().unwrap());
        assert_eq!(pages_of(pdf), "1", "{} on A4", pdf.display());
    }
}

// ---- Runs side by side, order of writing, signals, conflicts, summary ----

/// A playbook of `count` tips beside the built-in ones, numbered from 11.
fn many_tips(count: usize) -> String {
    (0..count)
        .map(|at| {
            format!(
                "[[tip]]\nnumber = {}\nslug = \"team-tip-{at}\"\ntitle = \"Team tip {at}\"\n\
                 body = \"Say it plainly.\"\nprompts = [\"One?\", \"Two?\", \"Three?\"]\n",
                at + 11
            )
        })
        .collect()
}

/// What the folder's `.tips-site` lists: paths from the site's root.
fn manifest_paths(dir: &Path) -> Vec<String> {
    read(&dir.join(".tips-site"))
        .lines()
        .skip(1)
        .map(|line| line.splitn(3, ' ').nth(2).unwrap().to_string())
        .collect()
}

/// Two runs at once left the folder refused for good ("changed since tips
/// site wrote it") and a manifest listing pages that were gone: runs on
/// one folder now take turns.
#[test]
fn two_runs_at_once_take_turns_and_leave_a_site_the_next_run_replaces() {
    let env = TestEnv::new();
    let team = env.write("team.toml", TEAM_TIP);
    let dir = env.home().join("site");
    let path = dir.to_str().unwrap();
    for round in 0..20 {
        let runs: Vec<Child> = [
            &["--date", PLAIN_DAY, "site", path][..],
            &[
                "--date",
                "2027-02-10",
                "--tips-file",
                team.to_str().unwrap(),
                "site",
                path,
            ],
        ]
        .iter()
        .map(|args| {
            env.std_command()
                .args(["--color", "never"])
                .args(*args)
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
        for run in runs {
            let output = run.wait_with_output().unwrap();
            assert!(
                output.status.success(),
                "round {round}: {}",
                String::from_utf8_lossy(&output.stderr)
            );
        }
    }
    assert_success(&site(&env, &[path]));
    let mut listed = manifest_paths(&dir);
    listed.sort();
    let mut there: Vec<String> = files_under(&dir)
        .into_iter()
        .filter(|file| file != "tip" && file != ".tips-site")
        .collect();
    there.sort();
    assert_eq!(listed, there, "the manifest lists exactly what is there");
    no_temporary_file_in(&dir);
}

/// The index was moved into place before the new pages it links to
/// existed: a reader meanwhile followed its links to 404s. Traced, every
/// page is in place before the index that links to it, and a page of a
/// tip gone goes only after the index no longer links to it.
#[test]
fn the_index_is_written_after_the_pages_it_links_to_and_old_pages_go_after_it() {
    if !require("strace") {
        return;
    }
    let env = TestEnv::new();
    let team = env.write("team.toml", TEAM_TIP);
    let dir = env.home().join("site");
    let path = dir.to_str().unwrap();
    assert_success(&site(&env, &[path]));
    let traced = |args: &[&str]| -> Vec<String> {
        let trace = env.home().join("trace");
        let output = Command::new(installed("strace").unwrap())
            .args(["-f", "-qq", "-o"])
            .arg(&trace)
            .args([
                "-e",
                "trace=rename,renameat,renameat2,link,linkat,unlink,unlinkat",
            ])
            .arg(common::tips_binary())
            .args(["--color", "never"])
            .args(args)
            .env_clear()
            .env("HOME", env.home())
            .output()
            .unwrap();
        assert_success(&output);
        read(&trace)
            .lines()
            .filter(|line| !line.contains(".tips-site") || line.contains(".tmp\", "))
            .map(str::to_string)
            .collect()
    };
    let position = |calls: &[String], what: &str, into: &str| {
        calls
            .iter()
            .position(|call| call.contains(what) && call.contains(into))
            .unwrap_or_else(|| panic!("no {what} of {into} in {calls:#?}"))
    };
    // A new tip and a new day: every page and the feed are moved or
    // linked into place before the index is.
    let calls = traced(&[
        "--date",
        "2027-02-10",
        "--tips-file",
        team.to_str().unwrap(),
        "site",
        path,
    ]);
    let index = position(&calls, "rename", "/index.html\"");
    for page in [
        "/tip/follow-up.html\"",
        "/tip/respect.html\"",
        "/feed.xml\"",
        "/style.css\"",
    ] {
        let at = calls
            .iter()
            .position(|call| call.contains(page) && !call.starts_with("unlink"))
            .unwrap_or_else(|| panic!("{page} not written: {calls:#?}"));
        assert!(
            at < index,
            "{page} was put in place after the index: {calls:#?}"
        );
    }
    // Without the team's tip, its page goes after the index no longer
    // links to it.
    let calls = traced(&["--date", "2027-02-10", "site", path]);
    let index = position(&calls, "rename", "/index.html\"");
    let gone = position(&calls, "unlink", "/tip/follow-up.html\"");
    assert!(index < gone, "the page went before the index: {calls:#?}");
}

/// SIGTERM, SIGINT or SIGHUP during a run left its temporary file in the
/// served folder for an hour: the run removes it on its way out, and ends
/// as the signal says.
#[test]
fn a_run_ended_by_a_signal_leaves_no_temporary_file() {
    use std::os::unix::process::ExitStatusExt;
    let env = TestEnv::new();
    let team = env.write("team.toml", &many_tips(1500));
    for (signal, name) in [
        (libc::SIGTERM, "TERM"),
        (libc::SIGINT, "INT"),
        (libc::SIGHUP, "HUP"),
    ] {
        let dir = env.home().join(format!("site-{name}"));
        let mut run = env
            .std_command()
            .args(["--color", "never", "--tips-file"])
            .arg(&team)
            .arg("site")
            .arg(&dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Once pages are being written, a temporary file is there nearly
        // all the time.
        while !dir.join("tip/team-tip-3.html").exists() {
            assert!(run.try_wait().unwrap().is_none(), "the run ended too soon");
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
        // SAFETY: kill only sends a signal to the child this test started.
        assert_eq!(unsafe { libc::kill(run.id() as libc::pid_t, signal) }, 0);
        let status = run.wait().unwrap();
        assert_eq!(status.signal(), Some(signal), "SIG{name} ends the run");
        no_temporary_file_in(&dir);
    }
}

/// A copy of a site without its `.tips-site` took a refused run per file
/// to learn what was in the way: one refusal names how many, the first
/// few, and that the record is missing. Nothing is adopted or written.
#[test]
fn every_file_in_the_way_is_named_in_one_refusal() {
    let env = TestEnv::new();
    let old = env.home().join("old");
    assert_success(&site(&env, &[old.to_str().unwrap()]));
    let new = env.home().join("new");
    fs::create_dir_all(new.join("tip")).unwrap();
    for file in files_under(&old) {
        if file != "tip" && file != ".tips-site" {
            fs::copy(old.join(&file), new.join(&file)).unwrap();
        }
    }
    let before = files_under(&new);
    let line = assert_refused(&site(&env, &[new.to_str().unwrap()]), "14 files");
    for part in [
        "index.html",
        "and 11 more",
        "no .tips-site record",
        "cp -a old/. new/",
    ] {
        assert!(line.contains(part), "{line:?} lacks {part:?}");
    }
    assert_eq!(files_under(&new), before, "nothing written or taken");

    // With the record, two pages changed and one file not the site's are
    // all named at once.
    let dir = old;
    for page in ["tip/respect.html", "tip/listen.html"] {
        fs::write(dir.join(page), "edited\n").unwrap();
    }
    fs::remove_file(dir.join("style.css")).unwrap();
    fs::write(dir.join("style.css"), "mine\n").unwrap();
    fs::write(
        dir.join(".tips-site"),
        read(&dir.join(".tips-site"))
            .lines()
            .filter(|line| !line.ends_with(" style.css"))
            .map(|line| format!("{line}\n"))
            .collect::<String>(),
    )
    .unwrap();
    let line = assert_refused(&site(&env, &[dir.to_str().unwrap()]), "3 files");
    let named = "3 files that tips site leaves alone, 1 not written by it (style.css) and 2 \
                 changed since it wrote them (tip/listen.html and tip/respect.html): move them away";
    assert!(line.contains(named), "{line:?} lacks {named:?}");
}

/// The summary said "removed 1 page of a tip no longer in force" when the
/// calendar went, and said nothing of an edited page of a tip gone, which
/// stayed published: it names what went and what stayed.
#[test]
fn the_summary_names_what_was_removed_and_what_was_kept() {
    let env = TestEnv::new();
    let dir = env.home().join("site");
    let path = dir.to_str().unwrap();
    assert_success(&site(&env, &[path]));
    let output = env
        .tips(&["--date", "9999-12-31", "site", path])
        .output()
        .unwrap();
    assert_success(&output);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("removed 1 file no longer in the site (season.ics)"),
        "{stdout}"
    );
    assert!(!stdout.contains("page"), "{stdout}");

    let team = env.write("team.toml", &many_tips(4));
    assert_success(&site(&env, &[path, "--tips-file", team.to_str().unwrap()]));
    let edited = dir.join("tip/team-tip-2.html");
    fs::write(&edited, "my notes\n").unwrap();
    let output = site(&env, &[path]);
    assert_success(&output);
    let stdout = String::from_utf8_lossy(&output.stdout);
    for part in [
        "removed 3 files no longer in the site (tip/team-tip-0.html, tip/team-tip-1.html and tip/team-tip-3.html)",
        "kept 1 file no longer in the site, changed since tips site wrote it (tip/team-tip-2.html): it is yours now",
    ] {
        assert!(stdout.contains(part), "{stdout:?} lacks {part:?}");
    }
    assert_eq!(read(&edited), "my notes\n");
    // It is no longer the site's: the next run leaves it and says nothing.
    let output = site(&env, &[path]);
    assert_success(&output);
    assert!(!String::from_utf8_lossy(&output.stdout).contains("kept"));
    assert_eq!(read(&edited), "my notes\n");
}

/// The same day is refused by `tips site` as by `tips feed`, whose feed
/// the site holds, rather than written with fewer days.
#[test]
fn a_day_too_early_for_the_feed_is_refused_as_tips_feed_refuses_it() {
    let env = TestEnv::new();
    let dir = env.home().join("site");
    let feed = env
        .tips(&["--date", "0001-01-01", "feed"])
        .output()
        .unwrap();
    assert_usage_error(&feed, "0001-01-01");
    let refused = env
        .tips(&["--date", "0001-01-01", "site", dir.to_str().unwrap()])
        .output()
        .unwrap();
    assert_usage_error(&refused, "give --date 0001-01-07 or later");
    assert!(!dir.exists(), "nothing was written");
    assert_success(
        &env.tips(&["--date", "0001-01-07", "site", dir.to_str().unwrap()])
            .output()
            .unwrap(),
    );
}
