# bash completion for zonelint. Rule ids come from `zonelint --list-rules`;
# the option list is kept in step with --help by tests/run-install.sh.
_zonelint()
{
    local cur prev
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD-1]}
    case $prev in
        --format)
            COMPREPLY=($(compgen -W "text json sarif github checkstyle codeclimate junit
                rdjson" -- "$cur")); return ;;
        --column-unit)
            COMPREPLY=($(compgen -W "char byte display" -- "$cur")); return ;;
        --input-format)
            COMPREPLY=($(compgen -W "auto bind route53 route53-changes cloudflare-json
                cloudflare-bind gcloud-yaml gcloud-zone azure-zone azure-json octodns
                terraform-plan terraform cloudformation dnscontrol" -- "$cur")); return ;;
        --publisher)
            COMPREPLY=($(compgen -W "auto bind nsd knot gdnsd octodns provider" -- "$cur"))
            return ;;
        --fail-on)
            COMPREPLY=($(compgen -W "error warning note none" -- "$cur")); return ;;
        --color)
            COMPREPLY=($(compgen -W "auto always never" -- "$cur")); return ;;
        --disable|--enable|--explain)
            local rules
            rules=$("${COMP_WORDS[0]}" --list-rules 2>/dev/null | cut -d' ' -f1)
            COMPREPLY=($(compgen -W "$rules" -- "${cur##*,}"))
            return ;;
        --config|--expect)
            COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --include-root)
            COMPREPLY=($(compgen -d -- "$cur")); return ;;
        --origin|--jobs|--identity|--region|--diff|--stdin-filename|--docs-url)
            return ;;
    esac
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "--format --origin --input-format --fail-on --disable
            --enable --config --no-config --include-root --color --jobs --expect --identity --region
            --staged --diff --fix --unsafe-fixes --install-hook --list-rules --explain --version --help --quiet
            --statistics --column-unit --stdin-filename --docs-url --publisher" -- "$cur"))
        return
    fi
    COMPREPLY=($(compgen -f -- "$cur"))
}
complete -o filenames -o bashdefault -F _zonelint zonelint
