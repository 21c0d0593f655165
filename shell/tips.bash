# tips: a Romantic Sales tip in each new interactive terminal.
#
# Everything here is prefixed with __tips_ so that it cannot collide with
# your own names, and builtins are escaped so that aliases cannot change
# them. It never fails and never prints in a non-interactive shell (scp,
# rsync, sftp, `ssh host cmd`, scripts), where output would break the tool.

__tips_motd() {
    # Interactive, and writing to a terminal.
    case $- in
        *i*) ;;
        *) return 0 ;;
    esac
    [[ -t 1 ]] || return 0
    # A quiet login was asked for.
    [[ -z ${TIPS_QUIET+set} ]] || return 0
    [[ -z ${HOME-} || ! -e ${HOME-}/.hushlogin ]] || return 0
    \builtin command -v tips >/dev/null 2>&1 || return 0
    \builtin command tips motd__TIPS_MOTD_OPTIONS__ || \builtin true
}

__tips_motd
\builtin unset -f __tips_motd

# To show a tip in new terminals, add this at the end of ~/.bashrc:
#   eval "$(tips init bash)"
