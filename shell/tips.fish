# tips: a Romantic Sales tip in each new interactive terminal.
#
# Everything here is prefixed with __tips_ so that it cannot collide with
# your own names. It never fails and never prints in a non-interactive
# shell (scp, rsync, sftp, `ssh host cmd`, scripts), where output would
# break the tool. fish has no builtin clock, so whether the day's tip was
# already shown is left to `tips motd --once-per-day`, one process.

# $argv[1]: once-per-day or every-shell.
function __tips_motd
    # Interactive, and writing to a terminal.
    status is-interactive; or return 0
    builtin test -t 1; or return 0
    # A quiet login was asked for.
    set -q TIPS_QUIET; and return 0
    set -q HOME; and builtin test -e "$HOME/.hushlogin"; and return 0
    # pam_motd has just shown the message of the day, and tips is in it.
    set -q MOTD_SHOWN; and builtin test "$MOTD_SHOWN" = pam; and builtin test -x /etc/update-motd.d/60-tips; and return 0
    command -q tips; or return 0
    if builtin test "$argv[1]" = every-shell
        command tips motd; or true
    else
        command tips motd --once-per-day; or true
    end
end

__tips_motd __TIPS_MODE__
functions --erase __tips_motd

# To show a tip in new terminals, add this to ~/.config/fish/config.fish:
#   if command -q tips; tips init fish | source; end
