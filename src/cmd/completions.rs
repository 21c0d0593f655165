//! `tips completions SHELL`, with the slugs of the tips in force offered
//! after `tips show`.

use clap::builder::PossibleValuesParser;
use clap::CommandFactory;

use super::{Run, Session};
use crate::cli::{Cli, CompletionsArgs};
use crate::error::Error;
use crate::output::Output;
use crate::tip::Tip;
use crate::untrusted::visible;

impl Run for CompletionsArgs {
    fn run(&self, session: &Session, out: &mut Output) -> Result<(), Error> {
        session.text_only("completions", "shell code")?;
        completions(session, out, self.shell)
    }
}

fn completions(
    session: &Session,
    out: &mut Output,
    shell: clap_complete::Shell,
) -> Result<(), Error> {
    let tips = session.tips()?;
    // clap keeps names as `&'static str` (its run-time strings would cost
    // every start of tips); this command runs once and exits, so the slugs
    // of a playbook can live as long as the process.
    let slugs: Vec<&'static str> = tips
        .all()
        .iter()
        .map(|tip| &*Box::leak(tip.slug.to_string().into_boxed_str()))
        .collect();
    // Only the generated script lists the slugs: the parser itself also
    // takes numbers and prefixes, so it must not be limited to them.
    // Built first: each command's arguments are made only when it is built.
    let mut command = Cli::command();
    command.build();
    let mut command = command.mut_subcommand("show", |show| {
        show.mut_arg("name", |name| {
            name.value_parser(PossibleValuesParser::new(slugs))
        })
    });
    // clap_complete panics if its writer fails, so write to memory first
    // and let a closed pipe end the command quietly, as everywhere else.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "tips", &mut script);
    let script = String::from_utf8(script).expect("clap_complete writes UTF-8");
    let script = match shell {
        clap_complete::Shell::Bash => offer_names_once_in_bash(script, &command),
        clap_complete::Shell::Fish => {
            let mut script = complete_global_values_in_fish(script);
            append_fish_slugs(&mut script, tips.all());
            script
        }
        _ => script,
    };
    out.raw(script.as_bytes())?;
    Ok(())
}

/// clap_complete's bash script offers the slugs after `tips show` at every
/// word, though `show` takes one name. Once a name is on the line, only the
/// options are offered.
fn offer_names_once_in_bash(script: String, command: &clap::Command) -> String {
    let show = command
        .find_subcommand("show")
        .expect("the show command exists");
    let takes_value: Vec<String> = show
        .get_arguments()
        .filter(|arg| arg.get_long().is_some() && arg.get_action().takes_values())
        .map(|arg| format!("--{}", arg.get_long().unwrap_or_default()))
        .collect();
    let options: Vec<String> = show
        .get_arguments()
        .flat_map(|arg| {
            let short = arg.get_short().map(|short| format!("-{short}"));
            let long = arg.get_long().map(|long| format!("--{long}"));
            short.into_iter().chain(long)
        })
        .collect();
    let named_already = format!(
        r#"            # A name is on the line already: offer the options only.
            local __tips_word __tips_after_show=0 __tips_skip=0
            for __tips_word in "${{COMP_WORDS[@]:1:COMP_CWORD-1}}"; do
                if (( __tips_skip )); then
                    __tips_skip=0
                elif [[ ${{__tips_word}} == show && ${{__tips_after_show}} == 0 ]]; then
                    __tips_after_show=1
                elif [[ " {takes_value} " == *" ${{__tips_word}} "* ]]; then
                    __tips_skip=1
                elif [[ ${{__tips_after_show}} == 1 && ${{__tips_word}} != -* ]]; then
                    COMPREPLY=( $(compgen -W "{options}" -- "${{cur}}") )
                    return 0
                fi
            done
"#,
        takes_value = takes_value.join(" "),
        options = options.join(" "),
    );
    let block_start = script.find("        tips__subcmd__show)\n");
    let offer_all = "            COMPREPLY=( $(compgen -W \"${opts}\" -- \"${cur}\") )\n            return 0\n            ;;";
    let Some(at) =
        block_start.and_then(|start| script[start..].find(offer_all).map(|offset| start + offset))
    else {
        // A generator that no longer has this shape: its script as it is.
        return script;
    };
    let mut patched = script;
    patched.insert_str(at, &named_already);
    patched
}

/// clap_complete's fish script decides whether a command is still to come
/// by parsing the line with `argparse`, which fails on a global option
/// whose value is not typed yet (`tips --color <TAB>`), and then offers
/// file names. A line that does not parse has no command on it yet.
fn complete_global_values_in_fish(script: String) -> String {
    script.replacen(
        "-- $cmd 2>/dev/null\n    or return\n",
        "-- $cmd 2>/dev/null\n    or return 0\n",
        1,
    )
}

/// clap_complete's fish script completes options and subcommands but not
/// a positional's values, so the slugs are added here, each described by
/// its title.
fn append_fish_slugs(script: &mut String, tips: &[Tip]) {
    for tip in tips {
        // In fish's single quotes only \\ and \' are special; titles come
        // from playbooks, so they are quoted with care.
        let title = visible(&tip.title)
            .replace('\\', "\\\\")
            .replace('\'', "\\'");
        script.push_str(&format!(
            "complete -c tips -n \"__fish_tips_using_subcommand show\" -f -a '{}' -d '{title}'\n",
            tip.slug
        ));
    }
}
