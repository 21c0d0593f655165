# tips: a Romantic Sales tip in each new interactive terminal.
#
# Everything here is prefixed with __tips_ so that it cannot collide with
# your own names. It never fails and never prints in a non-interactive
# shell (scp, rsync, sftp, `ssh host cmd`, scripts), where output would
# break the tool.

function __tips_motd
    # Interactive, and writing to a terminal.
    status is-interactive; or return 0
    builtin test -t 1; or return 0
    # A quiet login was asked for.
    set -q TIPS_QUIET; and return 0
    set -q HOME; and builtin test -e "$HOME/.hushlogin"; and return 0
    command -q tips; or return 0
    command tips motd__TIPS_MOTD_OPTIONS__; or true
end

__tips_motd
functions --erase __tips_motd

# To show a tip in new terminals, add this to ~/.config/fish/config.fish:
#   tips init fish | source
