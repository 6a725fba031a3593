# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_codeartifact_global_optspecs
    string join \n debug endpoint-url= no-verify-ssl no-paginate output= query= profile= region= color= no-sign-request ca-bundle= cli-read-timeout= cli-connect-timeout= local yes no-cli-pager cli-binary-format= no-cli-auto-prompt h/help V/version
end

function __fish_codeartifact_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_codeartifact_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_codeartifact_using_subcommand
    set -l cmd (__fish_codeartifact_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c codeartifact -n "__fish_codeartifact_needs_command" -l endpoint-url -d 'Override the service\'s endpoint URL' -r
complete -c codeartifact -n "__fish_codeartifact_needs_command" -l output -d 'The output format' -r -f -a "json\t''
text\t''
table\t''
yaml\t''
yaml-stream\t''"
complete -c codeartifact -n "__fish_codeartifact_needs_command" -l query -d 'A JMESPath query applied to the response' -r
complete -c codeartifact -n "__fish_codeartifact_needs_command" -l profile -d 'A profile from the AWS config and credentials files' -r
complete -c codeartifact -n "__fish_codeartifact_needs_command" -l region -d 'The region to use' -r
complete -c codeartifact -n "__fish_codeartifact_needs_command" -l color -d 'Colour in table output' -r -f -a "on\t''
off\t''
auto\t''"
complete -c codeartifact -n "__fish_codeartifact_needs_command" -l ca-bundle -d 'A PEM bundle of CA certificates to trust' -r
complete -c codeartifact -n "__fish_codeartifact_needs_command" -l cli-read-timeout -d 'Socket read timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_needs_command" -l cli-connect-timeout -d 'Socket connect timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_needs_command" -l cli-binary-format -d 'Accepted for AWS CLI v2 scripts (no CodeArtifact parameter is an inline blob)' -r -f -a "base64\t''
raw-in-base64-out\t''"
complete -c codeartifact -n "__fish_codeartifact_needs_command" -l debug -d 'Turn on debug logging (to stderr)'
complete -c codeartifact -n "__fish_codeartifact_needs_command" -l no-verify-ssl -d 'Do not verify TLS certificates'
complete -c codeartifact -n "__fish_codeartifact_needs_command" -l no-paginate -d 'Make one call only; do not aggregate pages'
complete -c codeartifact -n "__fish_codeartifact_needs_command" -l no-sign-request -d 'Send unsigned requests (no credentials are loaded)'
complete -c codeartifact -n "__fish_codeartifact_needs_command" -l local -d 'Run against the local emulator (`codeartifact mock`) instead of AWS'
complete -c codeartifact -n "__fish_codeartifact_needs_command" -l yes -d 'Do not ask before destructive operations'
complete -c codeartifact -n "__fish_codeartifact_needs_command" -l no-cli-pager -d 'Accepted for AWS CLI v2 scripts (output is never paged)'
complete -c codeartifact -n "__fish_codeartifact_needs_command" -l no-cli-auto-prompt -d 'Accepted for AWS CLI v2 scripts (there is no auto-prompt)'
complete -c codeartifact -n "__fish_codeartifact_needs_command" -s h -l help -d 'Print help'
complete -c codeartifact -n "__fish_codeartifact_needs_command" -s V -l version -d 'Print version'
complete -c codeartifact -n "__fish_codeartifact_needs_command" -f -a "associate-external-connection" -d 'Adds an existing external connection to a repository.'
complete -c codeartifact -n "__fish_codeartifact_needs_command" -f -a "copy-package-versions" -d 'Copies package versions from one repository to another repository in the same domain.'
complete -c codeartifact -n "__fish_codeartifact_needs_command" -f -a "create-domain" -d 'Creates a domain.'
complete -c codeartifact -n "__fish_codeartifact_needs_command" -f -a "create-package-group" -d 'Creates a package group.'
complete -c codeartifact -n "__fish_codeartifact_needs_command" -f -a "create-repository" -d 'Creates a repository.'
complete -c codeartifact -n "__fish_codeartifact_needs_command" -f -a "delete-domain" -d 'Deletes a domain.'
complete -c codeartifact -n "__fish_codeartifact_needs_command" -f -a "delete-domain-permissions-policy" -d 'Deletes the resource policy set on a domain.'
complete -c codeartifact -n "__fish_codeartifact_needs_command" -f -a "delete-package" -d 'Deletes a package and all associated package versions.'
complete -c codeartifact -n "__fish_codeartifact_needs_command" -f -a "delete-package-group" -d 'Deletes a package group.'
complete -c codeartifact -n "__fish_codeartifact_needs_command" -f -a "delete-package-versions" -d 'Deletes one or more versions of a package.'
complete -c codeartifact -n "__fish_codeartifact_needs_command" -f -a "delete-repository" -d 'Deletes a repository.'
complete -c codeartifact -n "__fish_codeartifact_needs_command" -f -a "delete-repository-permissions-policy" -d 'Deletes the resource policy that is set on a repository.'
complete -c codeartifact -n "__fish_codeartifact_needs_command" -f -a "describe-domain" -d 'Returns a DomainDescription object that contains information about the requested domain.'
complete -c codeartifact -n "__fish_codeartifact_needs_command" -f -a "describe-package" -d 'Returns a PackageDescription object that contains information about the requested package.'
complete -c codeartifact -n "__fish_codeartifact_needs_command" -f -a "describe-package-group" -d 'Returns a PackageGroupDescription object that contains information about the requested package group.'
complete -c codeartifact -n "__fish_codeartifact_needs_command" -f -a "describe-package-version" -d 'Returns a PackageVersionDescription object that contains information about the requested package version.'
complete -c codeartifact -n "__fish_codeartifact_needs_command" -f -a "describe-repository" -d 'Returns a RepositoryDescription object that contains detailed information about the requested repository.'
complete -c codeartifact -n "__fish_codeartifact_needs_command" -f -a "disassociate-external-connection" -d 'Removes an existing external connection from a repository.'
complete -c codeartifact -n "__fish_codeartifact_needs_command" -f -a "dispose-package-versions" -d 'Deletes the assets in package versions and sets the package versions\' status to Disposed.'
complete -c codeartifact -n "__fish_codeartifact_needs_command" -f -a "get-associated-package-group" -d 'Returns the most closely associated package group to the specified package.'
complete -c codeartifact -n "__fish_codeartifact_needs_command" -f -a "get-authorization-token" -d 'Generates a temporary authorization token for accessing repositories in the domain.'
complete -c codeartifact -n "__fish_codeartifact_needs_command" -f -a "get-domain-permissions-policy" -d 'Returns the resource policy attached to the specified domain.'
complete -c codeartifact -n "__fish_codeartifact_needs_command" -f -a "get-package-version-asset" -d 'Returns an asset (or file) that is in a package.'
complete -c codeartifact -n "__fish_codeartifact_needs_command" -f -a "get-package-version-readme" -d 'Gets the readme file or descriptive text for a package version.'
complete -c codeartifact -n "__fish_codeartifact_needs_command" -f -a "get-repository-endpoint" -d 'Returns the endpoint of a repository for a specific package format.'
complete -c codeartifact -n "__fish_codeartifact_needs_command" -f -a "get-repository-permissions-policy" -d 'Returns the resource policy that is set on a repository.'
complete -c codeartifact -n "__fish_codeartifact_needs_command" -f -a "list-allowed-repositories-for-group" -d 'Lists the repositories in the added repositories list of the specified restriction type for a package group.'
complete -c codeartifact -n "__fish_codeartifact_needs_command" -f -a "list-associated-packages" -d 'Returns a list of packages associated with the requested package group.'
complete -c codeartifact -n "__fish_codeartifact_needs_command" -f -a "list-domains" -d 'Returns a list of DomainSummary objects for all domains owned by the Amazon Web Services account that makes this call.'
complete -c codeartifact -n "__fish_codeartifact_needs_command" -f -a "list-package-groups" -d 'Returns a list of package groups in the requested domain.'
complete -c codeartifact -n "__fish_codeartifact_needs_command" -f -a "list-package-version-assets" -d 'Returns a list of AssetSummary objects for assets in a package version.'
complete -c codeartifact -n "__fish_codeartifact_needs_command" -f -a "list-package-version-dependencies" -d 'Returns the direct dependencies for a package version.'
complete -c codeartifact -n "__fish_codeartifact_needs_command" -f -a "list-package-versions" -d 'Returns a list of PackageVersionSummary objects for package versions in a repository that match the request parameters.'
complete -c codeartifact -n "__fish_codeartifact_needs_command" -f -a "list-packages" -d 'Returns a list of PackageSummary objects for packages in a repository that match the request parameters.'
complete -c codeartifact -n "__fish_codeartifact_needs_command" -f -a "list-repositories" -d 'Returns a list of RepositorySummary objects.'
complete -c codeartifact -n "__fish_codeartifact_needs_command" -f -a "list-repositories-in-domain" -d 'Returns a list of RepositorySummary objects.'
complete -c codeartifact -n "__fish_codeartifact_needs_command" -f -a "list-sub-package-groups" -d 'Returns a list of direct children of the specified package group.'
complete -c codeartifact -n "__fish_codeartifact_needs_command" -f -a "list-tags-for-resource" -d 'Gets information about Amazon Web Services tags for a specified Amazon Resource Name (ARN) in CodeArtifact.'
complete -c codeartifact -n "__fish_codeartifact_needs_command" -f -a "publish-package-version" -d 'Creates a new package version containing one or more assets (or files).'
complete -c codeartifact -n "__fish_codeartifact_needs_command" -f -a "put-domain-permissions-policy" -d 'Sets a resource policy on a domain that specifies permissions to access it.'
complete -c codeartifact -n "__fish_codeartifact_needs_command" -f -a "put-package-origin-configuration" -d 'Sets the package origin configuration for a package.'
complete -c codeartifact -n "__fish_codeartifact_needs_command" -f -a "put-repository-permissions-policy" -d 'Sets the resource policy on a repository that specifies permissions to access it.'
complete -c codeartifact -n "__fish_codeartifact_needs_command" -f -a "tag-resource" -d 'Adds or updates tags for a resource in CodeArtifact.'
complete -c codeartifact -n "__fish_codeartifact_needs_command" -f -a "untag-resource" -d 'Removes tags from a resource in CodeArtifact.'
complete -c codeartifact -n "__fish_codeartifact_needs_command" -f -a "update-package-group" -d 'Updates a package group.'
complete -c codeartifact -n "__fish_codeartifact_needs_command" -f -a "update-package-group-origin-configuration" -d 'Updates the package origin configuration for a package group.'
complete -c codeartifact -n "__fish_codeartifact_needs_command" -f -a "update-package-versions-status" -d 'Updates the status of one or more versions of a package.'
complete -c codeartifact -n "__fish_codeartifact_needs_command" -f -a "update-repository" -d 'Update the properties of a repository.'
complete -c codeartifact -n "__fish_codeartifact_needs_command" -f -a "login" -d 'Configure a package tool to use a CodeArtifact repository'
complete -c codeartifact -n "__fish_codeartifact_needs_command" -f -a "logout" -d 'Remove what `login` wrote to a package tool\'s configuration'
complete -c codeartifact -n "__fish_codeartifact_needs_command" -f -a "mock" -d 'Run a local emulator of the CodeArtifact service'
complete -c codeartifact -n "__fish_codeartifact_needs_command" -f -a "exec" -d 'Run a command with package tools configured for a repository through its environment only'
complete -c codeartifact -n "__fish_codeartifact_needs_command" -f -a "keyring" -d 'The `keyring` command pip and uv run for passwords, answered with tokens'
complete -c codeartifact -n "__fish_codeartifact_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand associate-external-connection" -l domain -d '[required] The name of the domain that contains the repository.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand associate-external-connection" -l domain-owner -d 'The 12-digit account number of the Amazon Web Services account that owns the domain.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand associate-external-connection" -l repository -d '[required] The name of the repository to which the external connection is added.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand associate-external-connection" -l external-connection -d '[required] The name of the external connection to add to the repository.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand associate-external-connection" -l cli-input-json -d 'Read arguments from a JSON string (or file://PATH); options on the command line take precedence' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand associate-external-connection" -l generate-cli-skeleton -d 'Print a JSON skeleton of the input (or output) and exit' -r -f -a "input\t''
output\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand associate-external-connection" -l endpoint-url -d 'Override the service\'s endpoint URL' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand associate-external-connection" -l output -d 'The output format' -r -f -a "json\t''
text\t''
table\t''
yaml\t''
yaml-stream\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand associate-external-connection" -l query -d 'A JMESPath query applied to the response' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand associate-external-connection" -l profile -d 'A profile from the AWS config and credentials files' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand associate-external-connection" -l region -d 'The region to use' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand associate-external-connection" -l color -d 'Colour in table output' -r -f -a "on\t''
off\t''
auto\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand associate-external-connection" -l ca-bundle -d 'A PEM bundle of CA certificates to trust' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand associate-external-connection" -l cli-read-timeout -d 'Socket read timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand associate-external-connection" -l cli-connect-timeout -d 'Socket connect timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand associate-external-connection" -l cli-binary-format -d 'Accepted for AWS CLI v2 scripts (no CodeArtifact parameter is an inline blob)' -r -f -a "base64\t''
raw-in-base64-out\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand associate-external-connection" -l debug -d 'Turn on debug logging (to stderr)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand associate-external-connection" -l no-verify-ssl -d 'Do not verify TLS certificates'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand associate-external-connection" -l no-paginate -d 'Make one call only; do not aggregate pages'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand associate-external-connection" -l no-sign-request -d 'Send unsigned requests (no credentials are loaded)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand associate-external-connection" -l local -d 'Run against the local emulator (`codeartifact mock`) instead of AWS'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand associate-external-connection" -l yes -d 'Do not ask before destructive operations'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand associate-external-connection" -l no-cli-pager -d 'Accepted for AWS CLI v2 scripts (output is never paged)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand associate-external-connection" -l no-cli-auto-prompt -d 'Accepted for AWS CLI v2 scripts (there is no auto-prompt)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand associate-external-connection" -s h -l help -d 'Print help'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand copy-package-versions" -l domain -d '[required] The name of the domain that contains the source and destination repositories.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand copy-package-versions" -l domain-owner -d 'The 12-digit account number of the Amazon Web Services account that owns the domain.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand copy-package-versions" -l source-repository -d '[required] The name of the repository that contains the package versions to be copied.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand copy-package-versions" -l destination-repository -d '[required] The name of the repository into which package versions are copied.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand copy-package-versions" -l format -d '[required] The format of the package versions to be copied.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand copy-package-versions" -l namespace -d 'The namespace of the package versions to be copied.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand copy-package-versions" -l package -d '[required] The name of the package that contains the versions to be copied.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand copy-package-versions" -l versions -d 'The versions of the package to be copied.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand copy-package-versions" -l version-revisions -d 'A list of key-value pairs.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand copy-package-versions" -l cli-input-json -d 'Read arguments from a JSON string (or file://PATH); options on the command line take precedence' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand copy-package-versions" -l generate-cli-skeleton -d 'Print a JSON skeleton of the input (or output) and exit' -r -f -a "input\t''
output\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand copy-package-versions" -l endpoint-url -d 'Override the service\'s endpoint URL' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand copy-package-versions" -l output -d 'The output format' -r -f -a "json\t''
text\t''
table\t''
yaml\t''
yaml-stream\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand copy-package-versions" -l query -d 'A JMESPath query applied to the response' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand copy-package-versions" -l profile -d 'A profile from the AWS config and credentials files' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand copy-package-versions" -l region -d 'The region to use' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand copy-package-versions" -l color -d 'Colour in table output' -r -f -a "on\t''
off\t''
auto\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand copy-package-versions" -l ca-bundle -d 'A PEM bundle of CA certificates to trust' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand copy-package-versions" -l cli-read-timeout -d 'Socket read timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand copy-package-versions" -l cli-connect-timeout -d 'Socket connect timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand copy-package-versions" -l cli-binary-format -d 'Accepted for AWS CLI v2 scripts (no CodeArtifact parameter is an inline blob)' -r -f -a "base64\t''
raw-in-base64-out\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand copy-package-versions" -l allow-overwrite -d 'Set to true to overwrite a package version that already exists in the destination repository.'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand copy-package-versions" -l no-allow-overwrite
complete -c codeartifact -n "__fish_codeartifact_using_subcommand copy-package-versions" -l include-from-upstream -d 'Set to true to copy packages from repositories that are upstream from the source repository to the destination repository.'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand copy-package-versions" -l no-include-from-upstream
complete -c codeartifact -n "__fish_codeartifact_using_subcommand copy-package-versions" -l debug -d 'Turn on debug logging (to stderr)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand copy-package-versions" -l no-verify-ssl -d 'Do not verify TLS certificates'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand copy-package-versions" -l no-paginate -d 'Make one call only; do not aggregate pages'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand copy-package-versions" -l no-sign-request -d 'Send unsigned requests (no credentials are loaded)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand copy-package-versions" -l local -d 'Run against the local emulator (`codeartifact mock`) instead of AWS'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand copy-package-versions" -l yes -d 'Do not ask before destructive operations'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand copy-package-versions" -l no-cli-pager -d 'Accepted for AWS CLI v2 scripts (output is never paged)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand copy-package-versions" -l no-cli-auto-prompt -d 'Accepted for AWS CLI v2 scripts (there is no auto-prompt)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand copy-package-versions" -s h -l help -d 'Print help'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand create-domain" -l domain -d '[required] The name of the domain to create.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand create-domain" -l encryption-key -d 'The encryption key for the domain.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand create-domain" -l tags -d 'One or more tag key-value pairs for the domain.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand create-domain" -l cli-input-json -d 'Read arguments from a JSON string (or file://PATH); options on the command line take precedence' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand create-domain" -l generate-cli-skeleton -d 'Print a JSON skeleton of the input (or output) and exit' -r -f -a "input\t''
output\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand create-domain" -l endpoint-url -d 'Override the service\'s endpoint URL' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand create-domain" -l output -d 'The output format' -r -f -a "json\t''
text\t''
table\t''
yaml\t''
yaml-stream\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand create-domain" -l query -d 'A JMESPath query applied to the response' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand create-domain" -l profile -d 'A profile from the AWS config and credentials files' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand create-domain" -l region -d 'The region to use' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand create-domain" -l color -d 'Colour in table output' -r -f -a "on\t''
off\t''
auto\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand create-domain" -l ca-bundle -d 'A PEM bundle of CA certificates to trust' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand create-domain" -l cli-read-timeout -d 'Socket read timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand create-domain" -l cli-connect-timeout -d 'Socket connect timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand create-domain" -l cli-binary-format -d 'Accepted for AWS CLI v2 scripts (no CodeArtifact parameter is an inline blob)' -r -f -a "base64\t''
raw-in-base64-out\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand create-domain" -l debug -d 'Turn on debug logging (to stderr)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand create-domain" -l no-verify-ssl -d 'Do not verify TLS certificates'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand create-domain" -l no-paginate -d 'Make one call only; do not aggregate pages'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand create-domain" -l no-sign-request -d 'Send unsigned requests (no credentials are loaded)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand create-domain" -l local -d 'Run against the local emulator (`codeartifact mock`) instead of AWS'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand create-domain" -l yes -d 'Do not ask before destructive operations'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand create-domain" -l no-cli-pager -d 'Accepted for AWS CLI v2 scripts (output is never paged)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand create-domain" -l no-cli-auto-prompt -d 'Accepted for AWS CLI v2 scripts (there is no auto-prompt)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand create-domain" -s h -l help -d 'Print help'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand create-package-group" -l domain -d '[required] The name of the domain in which you want to create a package group.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand create-package-group" -l domain-owner -d 'The 12-digit account number of the Amazon Web Services account that owns the domain.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand create-package-group" -l package-group -d '[required] The pattern of the package group to create.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand create-package-group" -l contact-info -d 'The contact information for the created package group.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand create-package-group" -l description -d 'A description of the package group.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand create-package-group" -l tags -d 'One or more tag key-value pairs for the package group.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand create-package-group" -l cli-input-json -d 'Read arguments from a JSON string (or file://PATH); options on the command line take precedence' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand create-package-group" -l generate-cli-skeleton -d 'Print a JSON skeleton of the input (or output) and exit' -r -f -a "input\t''
output\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand create-package-group" -l endpoint-url -d 'Override the service\'s endpoint URL' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand create-package-group" -l output -d 'The output format' -r -f -a "json\t''
text\t''
table\t''
yaml\t''
yaml-stream\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand create-package-group" -l query -d 'A JMESPath query applied to the response' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand create-package-group" -l profile -d 'A profile from the AWS config and credentials files' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand create-package-group" -l region -d 'The region to use' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand create-package-group" -l color -d 'Colour in table output' -r -f -a "on\t''
off\t''
auto\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand create-package-group" -l ca-bundle -d 'A PEM bundle of CA certificates to trust' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand create-package-group" -l cli-read-timeout -d 'Socket read timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand create-package-group" -l cli-connect-timeout -d 'Socket connect timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand create-package-group" -l cli-binary-format -d 'Accepted for AWS CLI v2 scripts (no CodeArtifact parameter is an inline blob)' -r -f -a "base64\t''
raw-in-base64-out\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand create-package-group" -l debug -d 'Turn on debug logging (to stderr)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand create-package-group" -l no-verify-ssl -d 'Do not verify TLS certificates'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand create-package-group" -l no-paginate -d 'Make one call only; do not aggregate pages'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand create-package-group" -l no-sign-request -d 'Send unsigned requests (no credentials are loaded)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand create-package-group" -l local -d 'Run against the local emulator (`codeartifact mock`) instead of AWS'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand create-package-group" -l yes -d 'Do not ask before destructive operations'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand create-package-group" -l no-cli-pager -d 'Accepted for AWS CLI v2 scripts (output is never paged)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand create-package-group" -l no-cli-auto-prompt -d 'Accepted for AWS CLI v2 scripts (there is no auto-prompt)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand create-package-group" -s h -l help -d 'Print help'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand create-repository" -l domain -d '[required] The name of the domain that contains the created repository.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand create-repository" -l domain-owner -d 'The 12-digit account number of the Amazon Web Services account that owns the domain.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand create-repository" -l repository -d '[required] The name of the repository to create.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand create-repository" -l description -d 'A description of the created repository.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand create-repository" -l upstreams -d 'A list of upstream repositories to associate with the repository.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand create-repository" -l tags -d 'One or more tag key-value pairs for the repository.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand create-repository" -l cli-input-json -d 'Read arguments from a JSON string (or file://PATH); options on the command line take precedence' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand create-repository" -l generate-cli-skeleton -d 'Print a JSON skeleton of the input (or output) and exit' -r -f -a "input\t''
output\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand create-repository" -l endpoint-url -d 'Override the service\'s endpoint URL' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand create-repository" -l output -d 'The output format' -r -f -a "json\t''
text\t''
table\t''
yaml\t''
yaml-stream\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand create-repository" -l query -d 'A JMESPath query applied to the response' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand create-repository" -l profile -d 'A profile from the AWS config and credentials files' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand create-repository" -l region -d 'The region to use' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand create-repository" -l color -d 'Colour in table output' -r -f -a "on\t''
off\t''
auto\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand create-repository" -l ca-bundle -d 'A PEM bundle of CA certificates to trust' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand create-repository" -l cli-read-timeout -d 'Socket read timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand create-repository" -l cli-connect-timeout -d 'Socket connect timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand create-repository" -l cli-binary-format -d 'Accepted for AWS CLI v2 scripts (no CodeArtifact parameter is an inline blob)' -r -f -a "base64\t''
raw-in-base64-out\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand create-repository" -l debug -d 'Turn on debug logging (to stderr)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand create-repository" -l no-verify-ssl -d 'Do not verify TLS certificates'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand create-repository" -l no-paginate -d 'Make one call only; do not aggregate pages'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand create-repository" -l no-sign-request -d 'Send unsigned requests (no credentials are loaded)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand create-repository" -l local -d 'Run against the local emulator (`codeartifact mock`) instead of AWS'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand create-repository" -l yes -d 'Do not ask before destructive operations'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand create-repository" -l no-cli-pager -d 'Accepted for AWS CLI v2 scripts (output is never paged)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand create-repository" -l no-cli-auto-prompt -d 'Accepted for AWS CLI v2 scripts (there is no auto-prompt)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand create-repository" -s h -l help -d 'Print help'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-domain" -l domain -d '[required] The name of the domain to delete.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-domain" -l domain-owner -d 'The 12-digit account number of the Amazon Web Services account that owns the domain.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-domain" -l cli-input-json -d 'Read arguments from a JSON string (or file://PATH); options on the command line take precedence' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-domain" -l generate-cli-skeleton -d 'Print a JSON skeleton of the input (or output) and exit' -r -f -a "input\t''
output\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-domain" -l endpoint-url -d 'Override the service\'s endpoint URL' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-domain" -l output -d 'The output format' -r -f -a "json\t''
text\t''
table\t''
yaml\t''
yaml-stream\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-domain" -l query -d 'A JMESPath query applied to the response' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-domain" -l profile -d 'A profile from the AWS config and credentials files' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-domain" -l region -d 'The region to use' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-domain" -l color -d 'Colour in table output' -r -f -a "on\t''
off\t''
auto\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-domain" -l ca-bundle -d 'A PEM bundle of CA certificates to trust' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-domain" -l cli-read-timeout -d 'Socket read timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-domain" -l cli-connect-timeout -d 'Socket connect timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-domain" -l cli-binary-format -d 'Accepted for AWS CLI v2 scripts (no CodeArtifact parameter is an inline blob)' -r -f -a "base64\t''
raw-in-base64-out\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-domain" -l debug -d 'Turn on debug logging (to stderr)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-domain" -l no-verify-ssl -d 'Do not verify TLS certificates'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-domain" -l no-paginate -d 'Make one call only; do not aggregate pages'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-domain" -l no-sign-request -d 'Send unsigned requests (no credentials are loaded)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-domain" -l local -d 'Run against the local emulator (`codeartifact mock`) instead of AWS'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-domain" -l yes -d 'Do not ask before destructive operations'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-domain" -l no-cli-pager -d 'Accepted for AWS CLI v2 scripts (output is never paged)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-domain" -l no-cli-auto-prompt -d 'Accepted for AWS CLI v2 scripts (there is no auto-prompt)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-domain" -s h -l help -d 'Print help'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-domain-permissions-policy" -l domain -d '[required] The name of the domain associated with the resource policy to be deleted.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-domain-permissions-policy" -l domain-owner -d 'The 12-digit account number of the Amazon Web Services account that owns the domain.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-domain-permissions-policy" -l policy-revision -d 'The current revision of the resource policy to be deleted.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-domain-permissions-policy" -l cli-input-json -d 'Read arguments from a JSON string (or file://PATH); options on the command line take precedence' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-domain-permissions-policy" -l generate-cli-skeleton -d 'Print a JSON skeleton of the input (or output) and exit' -r -f -a "input\t''
output\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-domain-permissions-policy" -l endpoint-url -d 'Override the service\'s endpoint URL' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-domain-permissions-policy" -l output -d 'The output format' -r -f -a "json\t''
text\t''
table\t''
yaml\t''
yaml-stream\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-domain-permissions-policy" -l query -d 'A JMESPath query applied to the response' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-domain-permissions-policy" -l profile -d 'A profile from the AWS config and credentials files' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-domain-permissions-policy" -l region -d 'The region to use' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-domain-permissions-policy" -l color -d 'Colour in table output' -r -f -a "on\t''
off\t''
auto\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-domain-permissions-policy" -l ca-bundle -d 'A PEM bundle of CA certificates to trust' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-domain-permissions-policy" -l cli-read-timeout -d 'Socket read timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-domain-permissions-policy" -l cli-connect-timeout -d 'Socket connect timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-domain-permissions-policy" -l cli-binary-format -d 'Accepted for AWS CLI v2 scripts (no CodeArtifact parameter is an inline blob)' -r -f -a "base64\t''
raw-in-base64-out\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-domain-permissions-policy" -l debug -d 'Turn on debug logging (to stderr)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-domain-permissions-policy" -l no-verify-ssl -d 'Do not verify TLS certificates'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-domain-permissions-policy" -l no-paginate -d 'Make one call only; do not aggregate pages'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-domain-permissions-policy" -l no-sign-request -d 'Send unsigned requests (no credentials are loaded)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-domain-permissions-policy" -l local -d 'Run against the local emulator (`codeartifact mock`) instead of AWS'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-domain-permissions-policy" -l yes -d 'Do not ask before destructive operations'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-domain-permissions-policy" -l no-cli-pager -d 'Accepted for AWS CLI v2 scripts (output is never paged)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-domain-permissions-policy" -l no-cli-auto-prompt -d 'Accepted for AWS CLI v2 scripts (there is no auto-prompt)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-domain-permissions-policy" -s h -l help -d 'Print help'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-package" -l domain -d '[required] The name of the domain that contains the package to delete.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-package" -l domain-owner -d 'The 12-digit account number of the Amazon Web Services account that owns the domain.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-package" -l repository -d '[required] The name of the repository that contains the package to delete.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-package" -l format -d '[required] The format of the requested package to delete.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-package" -l namespace -d 'The namespace of the package to delete.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-package" -l package -d '[required] The name of the package to delete.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-package" -l cli-input-json -d 'Read arguments from a JSON string (or file://PATH); options on the command line take precedence' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-package" -l generate-cli-skeleton -d 'Print a JSON skeleton of the input (or output) and exit' -r -f -a "input\t''
output\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-package" -l endpoint-url -d 'Override the service\'s endpoint URL' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-package" -l output -d 'The output format' -r -f -a "json\t''
text\t''
table\t''
yaml\t''
yaml-stream\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-package" -l query -d 'A JMESPath query applied to the response' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-package" -l profile -d 'A profile from the AWS config and credentials files' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-package" -l region -d 'The region to use' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-package" -l color -d 'Colour in table output' -r -f -a "on\t''
off\t''
auto\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-package" -l ca-bundle -d 'A PEM bundle of CA certificates to trust' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-package" -l cli-read-timeout -d 'Socket read timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-package" -l cli-connect-timeout -d 'Socket connect timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-package" -l cli-binary-format -d 'Accepted for AWS CLI v2 scripts (no CodeArtifact parameter is an inline blob)' -r -f -a "base64\t''
raw-in-base64-out\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-package" -l debug -d 'Turn on debug logging (to stderr)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-package" -l no-verify-ssl -d 'Do not verify TLS certificates'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-package" -l no-paginate -d 'Make one call only; do not aggregate pages'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-package" -l no-sign-request -d 'Send unsigned requests (no credentials are loaded)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-package" -l local -d 'Run against the local emulator (`codeartifact mock`) instead of AWS'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-package" -l yes -d 'Do not ask before destructive operations'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-package" -l no-cli-pager -d 'Accepted for AWS CLI v2 scripts (output is never paged)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-package" -l no-cli-auto-prompt -d 'Accepted for AWS CLI v2 scripts (there is no auto-prompt)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-package" -s h -l help -d 'Print help'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-package-group" -l domain -d '[required] The domain that contains the package group to be deleted.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-package-group" -l domain-owner -d 'The 12-digit account number of the Amazon Web Services account that owns the domain.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-package-group" -l package-group -d '[required] The pattern of the package group to be deleted.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-package-group" -l cli-input-json -d 'Read arguments from a JSON string (or file://PATH); options on the command line take precedence' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-package-group" -l generate-cli-skeleton -d 'Print a JSON skeleton of the input (or output) and exit' -r -f -a "input\t''
output\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-package-group" -l endpoint-url -d 'Override the service\'s endpoint URL' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-package-group" -l output -d 'The output format' -r -f -a "json\t''
text\t''
table\t''
yaml\t''
yaml-stream\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-package-group" -l query -d 'A JMESPath query applied to the response' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-package-group" -l profile -d 'A profile from the AWS config and credentials files' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-package-group" -l region -d 'The region to use' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-package-group" -l color -d 'Colour in table output' -r -f -a "on\t''
off\t''
auto\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-package-group" -l ca-bundle -d 'A PEM bundle of CA certificates to trust' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-package-group" -l cli-read-timeout -d 'Socket read timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-package-group" -l cli-connect-timeout -d 'Socket connect timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-package-group" -l cli-binary-format -d 'Accepted for AWS CLI v2 scripts (no CodeArtifact parameter is an inline blob)' -r -f -a "base64\t''
raw-in-base64-out\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-package-group" -l debug -d 'Turn on debug logging (to stderr)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-package-group" -l no-verify-ssl -d 'Do not verify TLS certificates'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-package-group" -l no-paginate -d 'Make one call only; do not aggregate pages'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-package-group" -l no-sign-request -d 'Send unsigned requests (no credentials are loaded)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-package-group" -l local -d 'Run against the local emulator (`codeartifact mock`) instead of AWS'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-package-group" -l yes -d 'Do not ask before destructive operations'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-package-group" -l no-cli-pager -d 'Accepted for AWS CLI v2 scripts (output is never paged)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-package-group" -l no-cli-auto-prompt -d 'Accepted for AWS CLI v2 scripts (there is no auto-prompt)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-package-group" -s h -l help -d 'Print help'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-package-versions" -l domain -d '[required] The name of the domain that contains the package to delete.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-package-versions" -l domain-owner -d 'The 12-digit account number of the Amazon Web Services account that owns the domain.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-package-versions" -l repository -d '[required] The name of the repository that contains the package versions to delete.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-package-versions" -l format -d '[required] The format of the package versions to delete.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-package-versions" -l namespace -d 'The namespace of the package versions to be deleted.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-package-versions" -l package -d '[required] The name of the package with the versions to delete.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-package-versions" -l versions -d '[required] An array of strings that specify the versions of the package to delete.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-package-versions" -l expected-status -d 'The expected status of the package version to delete.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-package-versions" -l cli-input-json -d 'Read arguments from a JSON string (or file://PATH); options on the command line take precedence' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-package-versions" -l generate-cli-skeleton -d 'Print a JSON skeleton of the input (or output) and exit' -r -f -a "input\t''
output\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-package-versions" -l endpoint-url -d 'Override the service\'s endpoint URL' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-package-versions" -l output -d 'The output format' -r -f -a "json\t''
text\t''
table\t''
yaml\t''
yaml-stream\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-package-versions" -l query -d 'A JMESPath query applied to the response' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-package-versions" -l profile -d 'A profile from the AWS config and credentials files' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-package-versions" -l region -d 'The region to use' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-package-versions" -l color -d 'Colour in table output' -r -f -a "on\t''
off\t''
auto\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-package-versions" -l ca-bundle -d 'A PEM bundle of CA certificates to trust' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-package-versions" -l cli-read-timeout -d 'Socket read timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-package-versions" -l cli-connect-timeout -d 'Socket connect timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-package-versions" -l cli-binary-format -d 'Accepted for AWS CLI v2 scripts (no CodeArtifact parameter is an inline blob)' -r -f -a "base64\t''
raw-in-base64-out\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-package-versions" -l debug -d 'Turn on debug logging (to stderr)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-package-versions" -l no-verify-ssl -d 'Do not verify TLS certificates'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-package-versions" -l no-paginate -d 'Make one call only; do not aggregate pages'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-package-versions" -l no-sign-request -d 'Send unsigned requests (no credentials are loaded)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-package-versions" -l local -d 'Run against the local emulator (`codeartifact mock`) instead of AWS'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-package-versions" -l yes -d 'Do not ask before destructive operations'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-package-versions" -l no-cli-pager -d 'Accepted for AWS CLI v2 scripts (output is never paged)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-package-versions" -l no-cli-auto-prompt -d 'Accepted for AWS CLI v2 scripts (there is no auto-prompt)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-package-versions" -s h -l help -d 'Print help'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-repository" -l domain -d '[required] The name of the domain that contains the repository to delete.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-repository" -l domain-owner -d 'The 12-digit account number of the Amazon Web Services account that owns the domain.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-repository" -l repository -d '[required] The name of the repository to delete.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-repository" -l cli-input-json -d 'Read arguments from a JSON string (or file://PATH); options on the command line take precedence' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-repository" -l generate-cli-skeleton -d 'Print a JSON skeleton of the input (or output) and exit' -r -f -a "input\t''
output\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-repository" -l endpoint-url -d 'Override the service\'s endpoint URL' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-repository" -l output -d 'The output format' -r -f -a "json\t''
text\t''
table\t''
yaml\t''
yaml-stream\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-repository" -l query -d 'A JMESPath query applied to the response' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-repository" -l profile -d 'A profile from the AWS config and credentials files' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-repository" -l region -d 'The region to use' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-repository" -l color -d 'Colour in table output' -r -f -a "on\t''
off\t''
auto\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-repository" -l ca-bundle -d 'A PEM bundle of CA certificates to trust' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-repository" -l cli-read-timeout -d 'Socket read timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-repository" -l cli-connect-timeout -d 'Socket connect timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-repository" -l cli-binary-format -d 'Accepted for AWS CLI v2 scripts (no CodeArtifact parameter is an inline blob)' -r -f -a "base64\t''
raw-in-base64-out\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-repository" -l debug -d 'Turn on debug logging (to stderr)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-repository" -l no-verify-ssl -d 'Do not verify TLS certificates'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-repository" -l no-paginate -d 'Make one call only; do not aggregate pages'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-repository" -l no-sign-request -d 'Send unsigned requests (no credentials are loaded)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-repository" -l local -d 'Run against the local emulator (`codeartifact mock`) instead of AWS'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-repository" -l yes -d 'Do not ask before destructive operations'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-repository" -l no-cli-pager -d 'Accepted for AWS CLI v2 scripts (output is never paged)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-repository" -l no-cli-auto-prompt -d 'Accepted for AWS CLI v2 scripts (there is no auto-prompt)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-repository" -s h -l help -d 'Print help'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-repository-permissions-policy" -l domain -d '[required] The name of the domain that contains the repository associated with the resource policy to be deleted.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-repository-permissions-policy" -l domain-owner -d 'The 12-digit account number of the Amazon Web Services account that owns the domain.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-repository-permissions-policy" -l repository -d '[required] The name of the repository that is associated with the resource policy to be deleted' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-repository-permissions-policy" -l policy-revision -d 'The revision of the repository\'s resource policy to be deleted.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-repository-permissions-policy" -l cli-input-json -d 'Read arguments from a JSON string (or file://PATH); options on the command line take precedence' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-repository-permissions-policy" -l generate-cli-skeleton -d 'Print a JSON skeleton of the input (or output) and exit' -r -f -a "input\t''
output\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-repository-permissions-policy" -l endpoint-url -d 'Override the service\'s endpoint URL' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-repository-permissions-policy" -l output -d 'The output format' -r -f -a "json\t''
text\t''
table\t''
yaml\t''
yaml-stream\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-repository-permissions-policy" -l query -d 'A JMESPath query applied to the response' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-repository-permissions-policy" -l profile -d 'A profile from the AWS config and credentials files' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-repository-permissions-policy" -l region -d 'The region to use' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-repository-permissions-policy" -l color -d 'Colour in table output' -r -f -a "on\t''
off\t''
auto\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-repository-permissions-policy" -l ca-bundle -d 'A PEM bundle of CA certificates to trust' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-repository-permissions-policy" -l cli-read-timeout -d 'Socket read timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-repository-permissions-policy" -l cli-connect-timeout -d 'Socket connect timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-repository-permissions-policy" -l cli-binary-format -d 'Accepted for AWS CLI v2 scripts (no CodeArtifact parameter is an inline blob)' -r -f -a "base64\t''
raw-in-base64-out\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-repository-permissions-policy" -l debug -d 'Turn on debug logging (to stderr)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-repository-permissions-policy" -l no-verify-ssl -d 'Do not verify TLS certificates'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-repository-permissions-policy" -l no-paginate -d 'Make one call only; do not aggregate pages'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-repository-permissions-policy" -l no-sign-request -d 'Send unsigned requests (no credentials are loaded)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-repository-permissions-policy" -l local -d 'Run against the local emulator (`codeartifact mock`) instead of AWS'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-repository-permissions-policy" -l yes -d 'Do not ask before destructive operations'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-repository-permissions-policy" -l no-cli-pager -d 'Accepted for AWS CLI v2 scripts (output is never paged)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-repository-permissions-policy" -l no-cli-auto-prompt -d 'Accepted for AWS CLI v2 scripts (there is no auto-prompt)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand delete-repository-permissions-policy" -s h -l help -d 'Print help'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-domain" -l domain -d '[required] A string that specifies the name of the requested domain.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-domain" -l domain-owner -d 'The 12-digit account number of the Amazon Web Services account that owns the domain.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-domain" -l cli-input-json -d 'Read arguments from a JSON string (or file://PATH); options on the command line take precedence' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-domain" -l generate-cli-skeleton -d 'Print a JSON skeleton of the input (or output) and exit' -r -f -a "input\t''
output\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-domain" -l endpoint-url -d 'Override the service\'s endpoint URL' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-domain" -l output -d 'The output format' -r -f -a "json\t''
text\t''
table\t''
yaml\t''
yaml-stream\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-domain" -l query -d 'A JMESPath query applied to the response' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-domain" -l profile -d 'A profile from the AWS config and credentials files' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-domain" -l region -d 'The region to use' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-domain" -l color -d 'Colour in table output' -r -f -a "on\t''
off\t''
auto\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-domain" -l ca-bundle -d 'A PEM bundle of CA certificates to trust' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-domain" -l cli-read-timeout -d 'Socket read timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-domain" -l cli-connect-timeout -d 'Socket connect timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-domain" -l cli-binary-format -d 'Accepted for AWS CLI v2 scripts (no CodeArtifact parameter is an inline blob)' -r -f -a "base64\t''
raw-in-base64-out\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-domain" -l debug -d 'Turn on debug logging (to stderr)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-domain" -l no-verify-ssl -d 'Do not verify TLS certificates'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-domain" -l no-paginate -d 'Make one call only; do not aggregate pages'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-domain" -l no-sign-request -d 'Send unsigned requests (no credentials are loaded)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-domain" -l local -d 'Run against the local emulator (`codeartifact mock`) instead of AWS'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-domain" -l yes -d 'Do not ask before destructive operations'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-domain" -l no-cli-pager -d 'Accepted for AWS CLI v2 scripts (output is never paged)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-domain" -l no-cli-auto-prompt -d 'Accepted for AWS CLI v2 scripts (there is no auto-prompt)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-domain" -s h -l help -d 'Print help'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-package" -l domain -d '[required] The name of the domain that contains the repository that contains the package.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-package" -l domain-owner -d 'The 12-digit account number of the Amazon Web Services account that owns the domain.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-package" -l repository -d '[required] The name of the repository that contains the requested package.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-package" -l format -d '[required] A format that specifies the type of the requested package.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-package" -l namespace -d 'The namespace of the requested package.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-package" -l package -d '[required] The name of the requested package.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-package" -l cli-input-json -d 'Read arguments from a JSON string (or file://PATH); options on the command line take precedence' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-package" -l generate-cli-skeleton -d 'Print a JSON skeleton of the input (or output) and exit' -r -f -a "input\t''
output\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-package" -l endpoint-url -d 'Override the service\'s endpoint URL' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-package" -l output -d 'The output format' -r -f -a "json\t''
text\t''
table\t''
yaml\t''
yaml-stream\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-package" -l query -d 'A JMESPath query applied to the response' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-package" -l profile -d 'A profile from the AWS config and credentials files' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-package" -l region -d 'The region to use' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-package" -l color -d 'Colour in table output' -r -f -a "on\t''
off\t''
auto\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-package" -l ca-bundle -d 'A PEM bundle of CA certificates to trust' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-package" -l cli-read-timeout -d 'Socket read timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-package" -l cli-connect-timeout -d 'Socket connect timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-package" -l cli-binary-format -d 'Accepted for AWS CLI v2 scripts (no CodeArtifact parameter is an inline blob)' -r -f -a "base64\t''
raw-in-base64-out\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-package" -l debug -d 'Turn on debug logging (to stderr)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-package" -l no-verify-ssl -d 'Do not verify TLS certificates'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-package" -l no-paginate -d 'Make one call only; do not aggregate pages'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-package" -l no-sign-request -d 'Send unsigned requests (no credentials are loaded)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-package" -l local -d 'Run against the local emulator (`codeartifact mock`) instead of AWS'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-package" -l yes -d 'Do not ask before destructive operations'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-package" -l no-cli-pager -d 'Accepted for AWS CLI v2 scripts (output is never paged)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-package" -l no-cli-auto-prompt -d 'Accepted for AWS CLI v2 scripts (there is no auto-prompt)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-package" -s h -l help -d 'Print help'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-package-group" -l domain -d '[required] The name of the domain that contains the package group.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-package-group" -l domain-owner -d 'The 12-digit account number of the Amazon Web Services account that owns the domain.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-package-group" -l package-group -d '[required] The pattern of the requested package group.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-package-group" -l cli-input-json -d 'Read arguments from a JSON string (or file://PATH); options on the command line take precedence' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-package-group" -l generate-cli-skeleton -d 'Print a JSON skeleton of the input (or output) and exit' -r -f -a "input\t''
output\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-package-group" -l endpoint-url -d 'Override the service\'s endpoint URL' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-package-group" -l output -d 'The output format' -r -f -a "json\t''
text\t''
table\t''
yaml\t''
yaml-stream\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-package-group" -l query -d 'A JMESPath query applied to the response' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-package-group" -l profile -d 'A profile from the AWS config and credentials files' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-package-group" -l region -d 'The region to use' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-package-group" -l color -d 'Colour in table output' -r -f -a "on\t''
off\t''
auto\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-package-group" -l ca-bundle -d 'A PEM bundle of CA certificates to trust' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-package-group" -l cli-read-timeout -d 'Socket read timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-package-group" -l cli-connect-timeout -d 'Socket connect timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-package-group" -l cli-binary-format -d 'Accepted for AWS CLI v2 scripts (no CodeArtifact parameter is an inline blob)' -r -f -a "base64\t''
raw-in-base64-out\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-package-group" -l debug -d 'Turn on debug logging (to stderr)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-package-group" -l no-verify-ssl -d 'Do not verify TLS certificates'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-package-group" -l no-paginate -d 'Make one call only; do not aggregate pages'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-package-group" -l no-sign-request -d 'Send unsigned requests (no credentials are loaded)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-package-group" -l local -d 'Run against the local emulator (`codeartifact mock`) instead of AWS'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-package-group" -l yes -d 'Do not ask before destructive operations'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-package-group" -l no-cli-pager -d 'Accepted for AWS CLI v2 scripts (output is never paged)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-package-group" -l no-cli-auto-prompt -d 'Accepted for AWS CLI v2 scripts (there is no auto-prompt)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-package-group" -s h -l help -d 'Print help'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-package-version" -l domain -d '[required] The name of the domain that contains the repository that contains the package version.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-package-version" -l domain-owner -d 'The 12-digit account number of the Amazon Web Services account that owns the domain.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-package-version" -l repository -d '[required] The name of the repository that contains the package version.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-package-version" -l format -d '[required] A format that specifies the type of the requested package version.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-package-version" -l namespace -d 'The namespace of the requested package version.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-package-version" -l package -d '[required] The name of the requested package version.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-package-version" -l package-version -d '[required] A string that contains the package version (for example, 3.5.2).' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-package-version" -l cli-input-json -d 'Read arguments from a JSON string (or file://PATH); options on the command line take precedence' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-package-version" -l generate-cli-skeleton -d 'Print a JSON skeleton of the input (or output) and exit' -r -f -a "input\t''
output\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-package-version" -l endpoint-url -d 'Override the service\'s endpoint URL' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-package-version" -l output -d 'The output format' -r -f -a "json\t''
text\t''
table\t''
yaml\t''
yaml-stream\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-package-version" -l query -d 'A JMESPath query applied to the response' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-package-version" -l profile -d 'A profile from the AWS config and credentials files' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-package-version" -l region -d 'The region to use' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-package-version" -l color -d 'Colour in table output' -r -f -a "on\t''
off\t''
auto\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-package-version" -l ca-bundle -d 'A PEM bundle of CA certificates to trust' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-package-version" -l cli-read-timeout -d 'Socket read timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-package-version" -l cli-connect-timeout -d 'Socket connect timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-package-version" -l cli-binary-format -d 'Accepted for AWS CLI v2 scripts (no CodeArtifact parameter is an inline blob)' -r -f -a "base64\t''
raw-in-base64-out\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-package-version" -l debug -d 'Turn on debug logging (to stderr)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-package-version" -l no-verify-ssl -d 'Do not verify TLS certificates'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-package-version" -l no-paginate -d 'Make one call only; do not aggregate pages'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-package-version" -l no-sign-request -d 'Send unsigned requests (no credentials are loaded)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-package-version" -l local -d 'Run against the local emulator (`codeartifact mock`) instead of AWS'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-package-version" -l yes -d 'Do not ask before destructive operations'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-package-version" -l no-cli-pager -d 'Accepted for AWS CLI v2 scripts (output is never paged)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-package-version" -l no-cli-auto-prompt -d 'Accepted for AWS CLI v2 scripts (there is no auto-prompt)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-package-version" -s h -l help -d 'Print help'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-repository" -l domain -d '[required] The name of the domain that contains the repository to describe.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-repository" -l domain-owner -d 'The 12-digit account number of the Amazon Web Services account that owns the domain.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-repository" -l repository -d '[required] A string that specifies the name of the requested repository.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-repository" -l cli-input-json -d 'Read arguments from a JSON string (or file://PATH); options on the command line take precedence' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-repository" -l generate-cli-skeleton -d 'Print a JSON skeleton of the input (or output) and exit' -r -f -a "input\t''
output\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-repository" -l endpoint-url -d 'Override the service\'s endpoint URL' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-repository" -l output -d 'The output format' -r -f -a "json\t''
text\t''
table\t''
yaml\t''
yaml-stream\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-repository" -l query -d 'A JMESPath query applied to the response' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-repository" -l profile -d 'A profile from the AWS config and credentials files' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-repository" -l region -d 'The region to use' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-repository" -l color -d 'Colour in table output' -r -f -a "on\t''
off\t''
auto\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-repository" -l ca-bundle -d 'A PEM bundle of CA certificates to trust' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-repository" -l cli-read-timeout -d 'Socket read timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-repository" -l cli-connect-timeout -d 'Socket connect timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-repository" -l cli-binary-format -d 'Accepted for AWS CLI v2 scripts (no CodeArtifact parameter is an inline blob)' -r -f -a "base64\t''
raw-in-base64-out\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-repository" -l debug -d 'Turn on debug logging (to stderr)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-repository" -l no-verify-ssl -d 'Do not verify TLS certificates'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-repository" -l no-paginate -d 'Make one call only; do not aggregate pages'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-repository" -l no-sign-request -d 'Send unsigned requests (no credentials are loaded)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-repository" -l local -d 'Run against the local emulator (`codeartifact mock`) instead of AWS'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-repository" -l yes -d 'Do not ask before destructive operations'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-repository" -l no-cli-pager -d 'Accepted for AWS CLI v2 scripts (output is never paged)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-repository" -l no-cli-auto-prompt -d 'Accepted for AWS CLI v2 scripts (there is no auto-prompt)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand describe-repository" -s h -l help -d 'Print help'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand disassociate-external-connection" -l domain -d '[required] The name of the domain that contains the repository from which to remove the external repository.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand disassociate-external-connection" -l domain-owner -d 'The 12-digit account number of the Amazon Web Services account that owns the domain.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand disassociate-external-connection" -l repository -d '[required] The name of the repository from which the external connection will be removed.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand disassociate-external-connection" -l external-connection -d '[required] The name of the external connection to be removed from the repository.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand disassociate-external-connection" -l cli-input-json -d 'Read arguments from a JSON string (or file://PATH); options on the command line take precedence' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand disassociate-external-connection" -l generate-cli-skeleton -d 'Print a JSON skeleton of the input (or output) and exit' -r -f -a "input\t''
output\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand disassociate-external-connection" -l endpoint-url -d 'Override the service\'s endpoint URL' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand disassociate-external-connection" -l output -d 'The output format' -r -f -a "json\t''
text\t''
table\t''
yaml\t''
yaml-stream\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand disassociate-external-connection" -l query -d 'A JMESPath query applied to the response' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand disassociate-external-connection" -l profile -d 'A profile from the AWS config and credentials files' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand disassociate-external-connection" -l region -d 'The region to use' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand disassociate-external-connection" -l color -d 'Colour in table output' -r -f -a "on\t''
off\t''
auto\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand disassociate-external-connection" -l ca-bundle -d 'A PEM bundle of CA certificates to trust' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand disassociate-external-connection" -l cli-read-timeout -d 'Socket read timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand disassociate-external-connection" -l cli-connect-timeout -d 'Socket connect timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand disassociate-external-connection" -l cli-binary-format -d 'Accepted for AWS CLI v2 scripts (no CodeArtifact parameter is an inline blob)' -r -f -a "base64\t''
raw-in-base64-out\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand disassociate-external-connection" -l debug -d 'Turn on debug logging (to stderr)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand disassociate-external-connection" -l no-verify-ssl -d 'Do not verify TLS certificates'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand disassociate-external-connection" -l no-paginate -d 'Make one call only; do not aggregate pages'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand disassociate-external-connection" -l no-sign-request -d 'Send unsigned requests (no credentials are loaded)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand disassociate-external-connection" -l local -d 'Run against the local emulator (`codeartifact mock`) instead of AWS'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand disassociate-external-connection" -l yes -d 'Do not ask before destructive operations'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand disassociate-external-connection" -l no-cli-pager -d 'Accepted for AWS CLI v2 scripts (output is never paged)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand disassociate-external-connection" -l no-cli-auto-prompt -d 'Accepted for AWS CLI v2 scripts (there is no auto-prompt)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand disassociate-external-connection" -s h -l help -d 'Print help'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand dispose-package-versions" -l domain -d '[required] The name of the domain that contains the repository you want to dispose.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand dispose-package-versions" -l domain-owner -d 'The 12-digit account number of the Amazon Web Services account that owns the domain.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand dispose-package-versions" -l repository -d '[required] The name of the repository that contains the package versions you want to dispose.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand dispose-package-versions" -l format -d '[required] A format that specifies the type of package versions you want to dispose.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand dispose-package-versions" -l namespace -d 'The namespace of the package versions to be disposed.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand dispose-package-versions" -l package -d '[required] The name of the package with the versions you want to dispose.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand dispose-package-versions" -l versions -d '[required] The versions of the package you want to dispose.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand dispose-package-versions" -l version-revisions -d 'The revisions of the package versions you want to dispose.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand dispose-package-versions" -l expected-status -d 'The expected status of the package version to dispose.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand dispose-package-versions" -l cli-input-json -d 'Read arguments from a JSON string (or file://PATH); options on the command line take precedence' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand dispose-package-versions" -l generate-cli-skeleton -d 'Print a JSON skeleton of the input (or output) and exit' -r -f -a "input\t''
output\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand dispose-package-versions" -l endpoint-url -d 'Override the service\'s endpoint URL' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand dispose-package-versions" -l output -d 'The output format' -r -f -a "json\t''
text\t''
table\t''
yaml\t''
yaml-stream\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand dispose-package-versions" -l query -d 'A JMESPath query applied to the response' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand dispose-package-versions" -l profile -d 'A profile from the AWS config and credentials files' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand dispose-package-versions" -l region -d 'The region to use' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand dispose-package-versions" -l color -d 'Colour in table output' -r -f -a "on\t''
off\t''
auto\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand dispose-package-versions" -l ca-bundle -d 'A PEM bundle of CA certificates to trust' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand dispose-package-versions" -l cli-read-timeout -d 'Socket read timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand dispose-package-versions" -l cli-connect-timeout -d 'Socket connect timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand dispose-package-versions" -l cli-binary-format -d 'Accepted for AWS CLI v2 scripts (no CodeArtifact parameter is an inline blob)' -r -f -a "base64\t''
raw-in-base64-out\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand dispose-package-versions" -l debug -d 'Turn on debug logging (to stderr)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand dispose-package-versions" -l no-verify-ssl -d 'Do not verify TLS certificates'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand dispose-package-versions" -l no-paginate -d 'Make one call only; do not aggregate pages'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand dispose-package-versions" -l no-sign-request -d 'Send unsigned requests (no credentials are loaded)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand dispose-package-versions" -l local -d 'Run against the local emulator (`codeartifact mock`) instead of AWS'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand dispose-package-versions" -l yes -d 'Do not ask before destructive operations'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand dispose-package-versions" -l no-cli-pager -d 'Accepted for AWS CLI v2 scripts (output is never paged)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand dispose-package-versions" -l no-cli-auto-prompt -d 'Accepted for AWS CLI v2 scripts (there is no auto-prompt)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand dispose-package-versions" -s h -l help -d 'Print help'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-associated-package-group" -l domain -d '[required] The name of the domain that contains the package from which to get the associated package group.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-associated-package-group" -l domain-owner -d 'The 12-digit account number of the Amazon Web Services account that owns the domain.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-associated-package-group" -l format -d '[required] The format of the package from which to get the associated package group.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-associated-package-group" -l namespace -d 'The namespace of the package from which to get the associated package group.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-associated-package-group" -l package -d '[required] The package from which to get the associated package group.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-associated-package-group" -l cli-input-json -d 'Read arguments from a JSON string (or file://PATH); options on the command line take precedence' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-associated-package-group" -l generate-cli-skeleton -d 'Print a JSON skeleton of the input (or output) and exit' -r -f -a "input\t''
output\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-associated-package-group" -l endpoint-url -d 'Override the service\'s endpoint URL' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-associated-package-group" -l output -d 'The output format' -r -f -a "json\t''
text\t''
table\t''
yaml\t''
yaml-stream\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-associated-package-group" -l query -d 'A JMESPath query applied to the response' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-associated-package-group" -l profile -d 'A profile from the AWS config and credentials files' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-associated-package-group" -l region -d 'The region to use' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-associated-package-group" -l color -d 'Colour in table output' -r -f -a "on\t''
off\t''
auto\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-associated-package-group" -l ca-bundle -d 'A PEM bundle of CA certificates to trust' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-associated-package-group" -l cli-read-timeout -d 'Socket read timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-associated-package-group" -l cli-connect-timeout -d 'Socket connect timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-associated-package-group" -l cli-binary-format -d 'Accepted for AWS CLI v2 scripts (no CodeArtifact parameter is an inline blob)' -r -f -a "base64\t''
raw-in-base64-out\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-associated-package-group" -l debug -d 'Turn on debug logging (to stderr)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-associated-package-group" -l no-verify-ssl -d 'Do not verify TLS certificates'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-associated-package-group" -l no-paginate -d 'Make one call only; do not aggregate pages'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-associated-package-group" -l no-sign-request -d 'Send unsigned requests (no credentials are loaded)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-associated-package-group" -l local -d 'Run against the local emulator (`codeartifact mock`) instead of AWS'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-associated-package-group" -l yes -d 'Do not ask before destructive operations'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-associated-package-group" -l no-cli-pager -d 'Accepted for AWS CLI v2 scripts (output is never paged)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-associated-package-group" -l no-cli-auto-prompt -d 'Accepted for AWS CLI v2 scripts (there is no auto-prompt)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-associated-package-group" -s h -l help -d 'Print help'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-authorization-token" -l domain -d '[required] The name of the domain that is in scope for the generated authorization token.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-authorization-token" -l domain-owner -d 'The 12-digit account number of the Amazon Web Services account that owns the domain.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-authorization-token" -l duration-seconds -d 'The time, in seconds, that the generated authorization token is valid.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-authorization-token" -l cli-input-json -d 'Read arguments from a JSON string (or file://PATH); options on the command line take precedence' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-authorization-token" -l generate-cli-skeleton -d 'Print a JSON skeleton of the input (or output) and exit' -r -f -a "input\t''
output\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-authorization-token" -l endpoint-url -d 'Override the service\'s endpoint URL' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-authorization-token" -l output -d 'The output format' -r -f -a "json\t''
text\t''
table\t''
yaml\t''
yaml-stream\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-authorization-token" -l query -d 'A JMESPath query applied to the response' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-authorization-token" -l profile -d 'A profile from the AWS config and credentials files' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-authorization-token" -l region -d 'The region to use' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-authorization-token" -l color -d 'Colour in table output' -r -f -a "on\t''
off\t''
auto\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-authorization-token" -l ca-bundle -d 'A PEM bundle of CA certificates to trust' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-authorization-token" -l cli-read-timeout -d 'Socket read timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-authorization-token" -l cli-connect-timeout -d 'Socket connect timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-authorization-token" -l cli-binary-format -d 'Accepted for AWS CLI v2 scripts (no CodeArtifact parameter is an inline blob)' -r -f -a "base64\t''
raw-in-base64-out\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-authorization-token" -l debug -d 'Turn on debug logging (to stderr)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-authorization-token" -l no-verify-ssl -d 'Do not verify TLS certificates'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-authorization-token" -l no-paginate -d 'Make one call only; do not aggregate pages'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-authorization-token" -l no-sign-request -d 'Send unsigned requests (no credentials are loaded)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-authorization-token" -l local -d 'Run against the local emulator (`codeartifact mock`) instead of AWS'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-authorization-token" -l yes -d 'Do not ask before destructive operations'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-authorization-token" -l no-cli-pager -d 'Accepted for AWS CLI v2 scripts (output is never paged)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-authorization-token" -l no-cli-auto-prompt -d 'Accepted for AWS CLI v2 scripts (there is no auto-prompt)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-authorization-token" -s h -l help -d 'Print help'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-domain-permissions-policy" -l domain -d '[required] The name of the domain to which the resource policy is attached.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-domain-permissions-policy" -l domain-owner -d 'The 12-digit account number of the Amazon Web Services account that owns the domain.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-domain-permissions-policy" -l cli-input-json -d 'Read arguments from a JSON string (or file://PATH); options on the command line take precedence' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-domain-permissions-policy" -l generate-cli-skeleton -d 'Print a JSON skeleton of the input (or output) and exit' -r -f -a "input\t''
output\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-domain-permissions-policy" -l endpoint-url -d 'Override the service\'s endpoint URL' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-domain-permissions-policy" -l output -d 'The output format' -r -f -a "json\t''
text\t''
table\t''
yaml\t''
yaml-stream\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-domain-permissions-policy" -l query -d 'A JMESPath query applied to the response' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-domain-permissions-policy" -l profile -d 'A profile from the AWS config and credentials files' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-domain-permissions-policy" -l region -d 'The region to use' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-domain-permissions-policy" -l color -d 'Colour in table output' -r -f -a "on\t''
off\t''
auto\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-domain-permissions-policy" -l ca-bundle -d 'A PEM bundle of CA certificates to trust' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-domain-permissions-policy" -l cli-read-timeout -d 'Socket read timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-domain-permissions-policy" -l cli-connect-timeout -d 'Socket connect timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-domain-permissions-policy" -l cli-binary-format -d 'Accepted for AWS CLI v2 scripts (no CodeArtifact parameter is an inline blob)' -r -f -a "base64\t''
raw-in-base64-out\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-domain-permissions-policy" -l debug -d 'Turn on debug logging (to stderr)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-domain-permissions-policy" -l no-verify-ssl -d 'Do not verify TLS certificates'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-domain-permissions-policy" -l no-paginate -d 'Make one call only; do not aggregate pages'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-domain-permissions-policy" -l no-sign-request -d 'Send unsigned requests (no credentials are loaded)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-domain-permissions-policy" -l local -d 'Run against the local emulator (`codeartifact mock`) instead of AWS'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-domain-permissions-policy" -l yes -d 'Do not ask before destructive operations'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-domain-permissions-policy" -l no-cli-pager -d 'Accepted for AWS CLI v2 scripts (output is never paged)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-domain-permissions-policy" -l no-cli-auto-prompt -d 'Accepted for AWS CLI v2 scripts (there is no auto-prompt)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-domain-permissions-policy" -s h -l help -d 'Print help'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-package-version-asset" -l domain -d '[required] The name of the domain that contains the repository that contains the package version with the requested asset.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-package-version-asset" -l domain-owner -d 'The 12-digit account number of the Amazon Web Services account that owns the domain.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-package-version-asset" -l repository -d '[required] The repository that contains the package version with the requested asset.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-package-version-asset" -l format -d '[required] A format that specifies the type of the package version with the requested asset file.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-package-version-asset" -l namespace -d 'The namespace of the package version with the requested asset file.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-package-version-asset" -l package -d '[required] The name of the package that contains the requested asset.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-package-version-asset" -l package-version -d '[required] A string that contains the package version (for example, 3.5.2).' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-package-version-asset" -l asset -d '[required] The name of the requested asset.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-package-version-asset" -l package-version-revision -d 'The name of the package version revision that contains the requested asset.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-package-version-asset" -l endpoint-url -d 'Override the service\'s endpoint URL' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-package-version-asset" -l output -d 'The output format' -r -f -a "json\t''
text\t''
table\t''
yaml\t''
yaml-stream\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-package-version-asset" -l query -d 'A JMESPath query applied to the response' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-package-version-asset" -l profile -d 'A profile from the AWS config and credentials files' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-package-version-asset" -l region -d 'The region to use' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-package-version-asset" -l color -d 'Colour in table output' -r -f -a "on\t''
off\t''
auto\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-package-version-asset" -l ca-bundle -d 'A PEM bundle of CA certificates to trust' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-package-version-asset" -l cli-read-timeout -d 'Socket read timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-package-version-asset" -l cli-connect-timeout -d 'Socket connect timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-package-version-asset" -l cli-binary-format -d 'Accepted for AWS CLI v2 scripts (no CodeArtifact parameter is an inline blob)' -r -f -a "base64\t''
raw-in-base64-out\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-package-version-asset" -l debug -d 'Turn on debug logging (to stderr)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-package-version-asset" -l no-verify-ssl -d 'Do not verify TLS certificates'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-package-version-asset" -l no-paginate -d 'Make one call only; do not aggregate pages'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-package-version-asset" -l no-sign-request -d 'Send unsigned requests (no credentials are loaded)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-package-version-asset" -l local -d 'Run against the local emulator (`codeartifact mock`) instead of AWS'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-package-version-asset" -l yes -d 'Do not ask before destructive operations'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-package-version-asset" -l no-cli-pager -d 'Accepted for AWS CLI v2 scripts (output is never paged)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-package-version-asset" -l no-cli-auto-prompt -d 'Accepted for AWS CLI v2 scripts (there is no auto-prompt)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-package-version-asset" -s h -l help -d 'Print help'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-package-version-readme" -l domain -d '[required] The name of the domain that contains the repository that contains the package version with the requested readme file.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-package-version-readme" -l domain-owner -d 'The 12-digit account number of the Amazon Web Services account that owns the domain.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-package-version-readme" -l repository -d '[required] The repository that contains the package with the requested readme file.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-package-version-readme" -l format -d '[required] A format that specifies the type of the package version with the requested readme file.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-package-version-readme" -l namespace -d 'The namespace of the package version with the requested readme file.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-package-version-readme" -l package -d '[required] The name of the package version that contains the requested readme file.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-package-version-readme" -l package-version -d '[required] A string that contains the package version (for example, 3.5.2).' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-package-version-readme" -l cli-input-json -d 'Read arguments from a JSON string (or file://PATH); options on the command line take precedence' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-package-version-readme" -l generate-cli-skeleton -d 'Print a JSON skeleton of the input (or output) and exit' -r -f -a "input\t''
output\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-package-version-readme" -l endpoint-url -d 'Override the service\'s endpoint URL' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-package-version-readme" -l output -d 'The output format' -r -f -a "json\t''
text\t''
table\t''
yaml\t''
yaml-stream\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-package-version-readme" -l query -d 'A JMESPath query applied to the response' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-package-version-readme" -l profile -d 'A profile from the AWS config and credentials files' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-package-version-readme" -l region -d 'The region to use' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-package-version-readme" -l color -d 'Colour in table output' -r -f -a "on\t''
off\t''
auto\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-package-version-readme" -l ca-bundle -d 'A PEM bundle of CA certificates to trust' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-package-version-readme" -l cli-read-timeout -d 'Socket read timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-package-version-readme" -l cli-connect-timeout -d 'Socket connect timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-package-version-readme" -l cli-binary-format -d 'Accepted for AWS CLI v2 scripts (no CodeArtifact parameter is an inline blob)' -r -f -a "base64\t''
raw-in-base64-out\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-package-version-readme" -l debug -d 'Turn on debug logging (to stderr)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-package-version-readme" -l no-verify-ssl -d 'Do not verify TLS certificates'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-package-version-readme" -l no-paginate -d 'Make one call only; do not aggregate pages'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-package-version-readme" -l no-sign-request -d 'Send unsigned requests (no credentials are loaded)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-package-version-readme" -l local -d 'Run against the local emulator (`codeartifact mock`) instead of AWS'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-package-version-readme" -l yes -d 'Do not ask before destructive operations'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-package-version-readme" -l no-cli-pager -d 'Accepted for AWS CLI v2 scripts (output is never paged)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-package-version-readme" -l no-cli-auto-prompt -d 'Accepted for AWS CLI v2 scripts (there is no auto-prompt)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-package-version-readme" -s h -l help -d 'Print help'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-repository-endpoint" -l domain -d '[required] The name of the domain that contains the repository.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-repository-endpoint" -l domain-owner -d 'The 12-digit account number of the Amazon Web Services account that owns the domain that contains the repository.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-repository-endpoint" -l repository -d '[required] The name of the repository.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-repository-endpoint" -l format -d '[required] Returns which endpoint of a repository to return.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-repository-endpoint" -l endpoint-type -d 'A string that specifies the type of endpoint.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-repository-endpoint" -l cli-input-json -d 'Read arguments from a JSON string (or file://PATH); options on the command line take precedence' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-repository-endpoint" -l generate-cli-skeleton -d 'Print a JSON skeleton of the input (or output) and exit' -r -f -a "input\t''
output\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-repository-endpoint" -l endpoint-url -d 'Override the service\'s endpoint URL' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-repository-endpoint" -l output -d 'The output format' -r -f -a "json\t''
text\t''
table\t''
yaml\t''
yaml-stream\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-repository-endpoint" -l query -d 'A JMESPath query applied to the response' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-repository-endpoint" -l profile -d 'A profile from the AWS config and credentials files' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-repository-endpoint" -l region -d 'The region to use' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-repository-endpoint" -l color -d 'Colour in table output' -r -f -a "on\t''
off\t''
auto\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-repository-endpoint" -l ca-bundle -d 'A PEM bundle of CA certificates to trust' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-repository-endpoint" -l cli-read-timeout -d 'Socket read timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-repository-endpoint" -l cli-connect-timeout -d 'Socket connect timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-repository-endpoint" -l cli-binary-format -d 'Accepted for AWS CLI v2 scripts (no CodeArtifact parameter is an inline blob)' -r -f -a "base64\t''
raw-in-base64-out\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-repository-endpoint" -l debug -d 'Turn on debug logging (to stderr)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-repository-endpoint" -l no-verify-ssl -d 'Do not verify TLS certificates'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-repository-endpoint" -l no-paginate -d 'Make one call only; do not aggregate pages'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-repository-endpoint" -l no-sign-request -d 'Send unsigned requests (no credentials are loaded)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-repository-endpoint" -l local -d 'Run against the local emulator (`codeartifact mock`) instead of AWS'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-repository-endpoint" -l yes -d 'Do not ask before destructive operations'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-repository-endpoint" -l no-cli-pager -d 'Accepted for AWS CLI v2 scripts (output is never paged)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-repository-endpoint" -l no-cli-auto-prompt -d 'Accepted for AWS CLI v2 scripts (there is no auto-prompt)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-repository-endpoint" -s h -l help -d 'Print help'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-repository-permissions-policy" -l domain -d '[required] The name of the domain containing the repository whose associated resource policy is to be retrieved.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-repository-permissions-policy" -l domain-owner -d 'The 12-digit account number of the Amazon Web Services account that owns the domain.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-repository-permissions-policy" -l repository -d '[required] The name of the repository whose associated resource policy is to be retrieved.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-repository-permissions-policy" -l cli-input-json -d 'Read arguments from a JSON string (or file://PATH); options on the command line take precedence' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-repository-permissions-policy" -l generate-cli-skeleton -d 'Print a JSON skeleton of the input (or output) and exit' -r -f -a "input\t''
output\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-repository-permissions-policy" -l endpoint-url -d 'Override the service\'s endpoint URL' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-repository-permissions-policy" -l output -d 'The output format' -r -f -a "json\t''
text\t''
table\t''
yaml\t''
yaml-stream\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-repository-permissions-policy" -l query -d 'A JMESPath query applied to the response' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-repository-permissions-policy" -l profile -d 'A profile from the AWS config and credentials files' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-repository-permissions-policy" -l region -d 'The region to use' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-repository-permissions-policy" -l color -d 'Colour in table output' -r -f -a "on\t''
off\t''
auto\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-repository-permissions-policy" -l ca-bundle -d 'A PEM bundle of CA certificates to trust' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-repository-permissions-policy" -l cli-read-timeout -d 'Socket read timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-repository-permissions-policy" -l cli-connect-timeout -d 'Socket connect timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-repository-permissions-policy" -l cli-binary-format -d 'Accepted for AWS CLI v2 scripts (no CodeArtifact parameter is an inline blob)' -r -f -a "base64\t''
raw-in-base64-out\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-repository-permissions-policy" -l debug -d 'Turn on debug logging (to stderr)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-repository-permissions-policy" -l no-verify-ssl -d 'Do not verify TLS certificates'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-repository-permissions-policy" -l no-paginate -d 'Make one call only; do not aggregate pages'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-repository-permissions-policy" -l no-sign-request -d 'Send unsigned requests (no credentials are loaded)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-repository-permissions-policy" -l local -d 'Run against the local emulator (`codeartifact mock`) instead of AWS'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-repository-permissions-policy" -l yes -d 'Do not ask before destructive operations'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-repository-permissions-policy" -l no-cli-pager -d 'Accepted for AWS CLI v2 scripts (output is never paged)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-repository-permissions-policy" -l no-cli-auto-prompt -d 'Accepted for AWS CLI v2 scripts (there is no auto-prompt)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand get-repository-permissions-policy" -s h -l help -d 'Print help'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-allowed-repositories-for-group" -l domain -d '[required] The name of the domain that contains the package group from which to list allowed repositories.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-allowed-repositories-for-group" -l domain-owner -d 'The 12-digit account number of the Amazon Web Services account that owns the domain.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-allowed-repositories-for-group" -l package-group -d '[required] The pattern of the package group from which to list allowed repositories.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-allowed-repositories-for-group" -l origin-restriction-type -d '[required] The origin configuration restriction type of which to list allowed repositories.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-allowed-repositories-for-group" -l max-results -d 'The maximum number of results to return per page.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-allowed-repositories-for-group" -l next-token -d 'The token for the next set of results.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-allowed-repositories-for-group" -l starting-token -d 'A token to start paginating from: the NextToken of a previously truncated response' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-allowed-repositories-for-group" -l page-size -d 'The size of each page fetched from the service (does not change the output)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-allowed-repositories-for-group" -l max-items -d 'The total number of items to print; a NextToken is printed when there are more' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-allowed-repositories-for-group" -l cli-input-json -d 'Read arguments from a JSON string (or file://PATH); options on the command line take precedence' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-allowed-repositories-for-group" -l generate-cli-skeleton -d 'Print a JSON skeleton of the input (or output) and exit' -r -f -a "input\t''
output\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-allowed-repositories-for-group" -l endpoint-url -d 'Override the service\'s endpoint URL' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-allowed-repositories-for-group" -l output -d 'The output format' -r -f -a "json\t''
text\t''
table\t''
yaml\t''
yaml-stream\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-allowed-repositories-for-group" -l query -d 'A JMESPath query applied to the response' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-allowed-repositories-for-group" -l profile -d 'A profile from the AWS config and credentials files' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-allowed-repositories-for-group" -l region -d 'The region to use' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-allowed-repositories-for-group" -l color -d 'Colour in table output' -r -f -a "on\t''
off\t''
auto\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-allowed-repositories-for-group" -l ca-bundle -d 'A PEM bundle of CA certificates to trust' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-allowed-repositories-for-group" -l cli-read-timeout -d 'Socket read timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-allowed-repositories-for-group" -l cli-connect-timeout -d 'Socket connect timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-allowed-repositories-for-group" -l cli-binary-format -d 'Accepted for AWS CLI v2 scripts (no CodeArtifact parameter is an inline blob)' -r -f -a "base64\t''
raw-in-base64-out\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-allowed-repositories-for-group" -l debug -d 'Turn on debug logging (to stderr)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-allowed-repositories-for-group" -l no-verify-ssl -d 'Do not verify TLS certificates'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-allowed-repositories-for-group" -l no-paginate -d 'Make one call only; do not aggregate pages'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-allowed-repositories-for-group" -l no-sign-request -d 'Send unsigned requests (no credentials are loaded)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-allowed-repositories-for-group" -l local -d 'Run against the local emulator (`codeartifact mock`) instead of AWS'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-allowed-repositories-for-group" -l yes -d 'Do not ask before destructive operations'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-allowed-repositories-for-group" -l no-cli-pager -d 'Accepted for AWS CLI v2 scripts (output is never paged)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-allowed-repositories-for-group" -l no-cli-auto-prompt -d 'Accepted for AWS CLI v2 scripts (there is no auto-prompt)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-allowed-repositories-for-group" -s h -l help -d 'Print help'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-associated-packages" -l domain -d '[required] The name of the domain that contains the package group from which to list associated packages.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-associated-packages" -l domain-owner -d 'The 12-digit account number of the Amazon Web Services account that owns the domain.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-associated-packages" -l package-group -d '[required] The pattern of the package group from which to list associated packages.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-associated-packages" -l max-results -d 'The maximum number of results to return per page.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-associated-packages" -l next-token -d 'The token for the next set of results.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-associated-packages" -l starting-token -d 'A token to start paginating from: the NextToken of a previously truncated response' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-associated-packages" -l page-size -d 'The size of each page fetched from the service (does not change the output)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-associated-packages" -l max-items -d 'The total number of items to print; a NextToken is printed when there are more' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-associated-packages" -l cli-input-json -d 'Read arguments from a JSON string (or file://PATH); options on the command line take precedence' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-associated-packages" -l generate-cli-skeleton -d 'Print a JSON skeleton of the input (or output) and exit' -r -f -a "input\t''
output\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-associated-packages" -l endpoint-url -d 'Override the service\'s endpoint URL' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-associated-packages" -l output -d 'The output format' -r -f -a "json\t''
text\t''
table\t''
yaml\t''
yaml-stream\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-associated-packages" -l query -d 'A JMESPath query applied to the response' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-associated-packages" -l profile -d 'A profile from the AWS config and credentials files' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-associated-packages" -l region -d 'The region to use' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-associated-packages" -l color -d 'Colour in table output' -r -f -a "on\t''
off\t''
auto\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-associated-packages" -l ca-bundle -d 'A PEM bundle of CA certificates to trust' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-associated-packages" -l cli-read-timeout -d 'Socket read timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-associated-packages" -l cli-connect-timeout -d 'Socket connect timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-associated-packages" -l cli-binary-format -d 'Accepted for AWS CLI v2 scripts (no CodeArtifact parameter is an inline blob)' -r -f -a "base64\t''
raw-in-base64-out\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-associated-packages" -l preview -d 'When this flag is included, ListAssociatedPackages will return a list of packages that would be associated with a package group, even if it does not exist.'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-associated-packages" -l no-preview
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-associated-packages" -l debug -d 'Turn on debug logging (to stderr)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-associated-packages" -l no-verify-ssl -d 'Do not verify TLS certificates'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-associated-packages" -l no-paginate -d 'Make one call only; do not aggregate pages'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-associated-packages" -l no-sign-request -d 'Send unsigned requests (no credentials are loaded)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-associated-packages" -l local -d 'Run against the local emulator (`codeartifact mock`) instead of AWS'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-associated-packages" -l yes -d 'Do not ask before destructive operations'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-associated-packages" -l no-cli-pager -d 'Accepted for AWS CLI v2 scripts (output is never paged)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-associated-packages" -l no-cli-auto-prompt -d 'Accepted for AWS CLI v2 scripts (there is no auto-prompt)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-associated-packages" -s h -l help -d 'Print help'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-domains" -l max-results -d 'The maximum number of results to return per page.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-domains" -l next-token -d 'The token for the next set of results.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-domains" -l starting-token -d 'A token to start paginating from: the NextToken of a previously truncated response' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-domains" -l page-size -d 'The size of each page fetched from the service (does not change the output)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-domains" -l max-items -d 'The total number of items to print; a NextToken is printed when there are more' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-domains" -l cli-input-json -d 'Read arguments from a JSON string (or file://PATH); options on the command line take precedence' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-domains" -l generate-cli-skeleton -d 'Print a JSON skeleton of the input (or output) and exit' -r -f -a "input\t''
output\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-domains" -l endpoint-url -d 'Override the service\'s endpoint URL' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-domains" -l output -d 'The output format' -r -f -a "json\t''
text\t''
table\t''
yaml\t''
yaml-stream\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-domains" -l query -d 'A JMESPath query applied to the response' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-domains" -l profile -d 'A profile from the AWS config and credentials files' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-domains" -l region -d 'The region to use' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-domains" -l color -d 'Colour in table output' -r -f -a "on\t''
off\t''
auto\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-domains" -l ca-bundle -d 'A PEM bundle of CA certificates to trust' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-domains" -l cli-read-timeout -d 'Socket read timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-domains" -l cli-connect-timeout -d 'Socket connect timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-domains" -l cli-binary-format -d 'Accepted for AWS CLI v2 scripts (no CodeArtifact parameter is an inline blob)' -r -f -a "base64\t''
raw-in-base64-out\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-domains" -l debug -d 'Turn on debug logging (to stderr)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-domains" -l no-verify-ssl -d 'Do not verify TLS certificates'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-domains" -l no-paginate -d 'Make one call only; do not aggregate pages'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-domains" -l no-sign-request -d 'Send unsigned requests (no credentials are loaded)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-domains" -l local -d 'Run against the local emulator (`codeartifact mock`) instead of AWS'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-domains" -l yes -d 'Do not ask before destructive operations'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-domains" -l no-cli-pager -d 'Accepted for AWS CLI v2 scripts (output is never paged)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-domains" -l no-cli-auto-prompt -d 'Accepted for AWS CLI v2 scripts (there is no auto-prompt)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-domains" -s h -l help -d 'Print help'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-groups" -l domain -d '[required] The domain for which you want to list package groups.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-groups" -l domain-owner -d 'The 12-digit account number of the Amazon Web Services account that owns the domain.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-groups" -l max-results -d 'The maximum number of results to return per page.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-groups" -l next-token -d 'The token for the next set of results.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-groups" -l prefix -d 'A prefix for which to search package groups.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-groups" -l starting-token -d 'A token to start paginating from: the NextToken of a previously truncated response' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-groups" -l page-size -d 'The size of each page fetched from the service (does not change the output)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-groups" -l max-items -d 'The total number of items to print; a NextToken is printed when there are more' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-groups" -l cli-input-json -d 'Read arguments from a JSON string (or file://PATH); options on the command line take precedence' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-groups" -l generate-cli-skeleton -d 'Print a JSON skeleton of the input (or output) and exit' -r -f -a "input\t''
output\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-groups" -l endpoint-url -d 'Override the service\'s endpoint URL' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-groups" -l output -d 'The output format' -r -f -a "json\t''
text\t''
table\t''
yaml\t''
yaml-stream\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-groups" -l query -d 'A JMESPath query applied to the response' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-groups" -l profile -d 'A profile from the AWS config and credentials files' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-groups" -l region -d 'The region to use' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-groups" -l color -d 'Colour in table output' -r -f -a "on\t''
off\t''
auto\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-groups" -l ca-bundle -d 'A PEM bundle of CA certificates to trust' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-groups" -l cli-read-timeout -d 'Socket read timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-groups" -l cli-connect-timeout -d 'Socket connect timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-groups" -l cli-binary-format -d 'Accepted for AWS CLI v2 scripts (no CodeArtifact parameter is an inline blob)' -r -f -a "base64\t''
raw-in-base64-out\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-groups" -l debug -d 'Turn on debug logging (to stderr)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-groups" -l no-verify-ssl -d 'Do not verify TLS certificates'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-groups" -l no-paginate -d 'Make one call only; do not aggregate pages'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-groups" -l no-sign-request -d 'Send unsigned requests (no credentials are loaded)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-groups" -l local -d 'Run against the local emulator (`codeartifact mock`) instead of AWS'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-groups" -l yes -d 'Do not ask before destructive operations'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-groups" -l no-cli-pager -d 'Accepted for AWS CLI v2 scripts (output is never paged)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-groups" -l no-cli-auto-prompt -d 'Accepted for AWS CLI v2 scripts (there is no auto-prompt)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-groups" -s h -l help -d 'Print help'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-version-assets" -l domain -d '[required] The name of the domain that contains the repository associated with the package version assets.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-version-assets" -l domain-owner -d 'The 12-digit account number of the Amazon Web Services account that owns the domain.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-version-assets" -l repository -d '[required] The name of the repository that contains the package that contains the requested package version assets.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-version-assets" -l format -d '[required] The format of the package that contains the requested package version assets.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-version-assets" -l namespace -d 'The namespace of the package version that contains the requested package version assets.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-version-assets" -l package -d '[required] The name of the package that contains the requested package version assets.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-version-assets" -l package-version -d '[required] A string that contains the package version (for example, 3.5.2).' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-version-assets" -l max-results -d 'The maximum number of results to return per page.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-version-assets" -l next-token -d 'The token for the next set of results.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-version-assets" -l starting-token -d 'A token to start paginating from: the NextToken of a previously truncated response' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-version-assets" -l page-size -d 'The size of each page fetched from the service (does not change the output)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-version-assets" -l max-items -d 'The total number of items to print; a NextToken is printed when there are more' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-version-assets" -l cli-input-json -d 'Read arguments from a JSON string (or file://PATH); options on the command line take precedence' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-version-assets" -l generate-cli-skeleton -d 'Print a JSON skeleton of the input (or output) and exit' -r -f -a "input\t''
output\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-version-assets" -l endpoint-url -d 'Override the service\'s endpoint URL' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-version-assets" -l output -d 'The output format' -r -f -a "json\t''
text\t''
table\t''
yaml\t''
yaml-stream\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-version-assets" -l query -d 'A JMESPath query applied to the response' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-version-assets" -l profile -d 'A profile from the AWS config and credentials files' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-version-assets" -l region -d 'The region to use' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-version-assets" -l color -d 'Colour in table output' -r -f -a "on\t''
off\t''
auto\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-version-assets" -l ca-bundle -d 'A PEM bundle of CA certificates to trust' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-version-assets" -l cli-read-timeout -d 'Socket read timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-version-assets" -l cli-connect-timeout -d 'Socket connect timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-version-assets" -l cli-binary-format -d 'Accepted for AWS CLI v2 scripts (no CodeArtifact parameter is an inline blob)' -r -f -a "base64\t''
raw-in-base64-out\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-version-assets" -l debug -d 'Turn on debug logging (to stderr)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-version-assets" -l no-verify-ssl -d 'Do not verify TLS certificates'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-version-assets" -l no-paginate -d 'Make one call only; do not aggregate pages'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-version-assets" -l no-sign-request -d 'Send unsigned requests (no credentials are loaded)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-version-assets" -l local -d 'Run against the local emulator (`codeartifact mock`) instead of AWS'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-version-assets" -l yes -d 'Do not ask before destructive operations'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-version-assets" -l no-cli-pager -d 'Accepted for AWS CLI v2 scripts (output is never paged)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-version-assets" -l no-cli-auto-prompt -d 'Accepted for AWS CLI v2 scripts (there is no auto-prompt)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-version-assets" -s h -l help -d 'Print help'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-version-dependencies" -l domain -d '[required] The name of the domain that contains the repository that contains the requested package version dependencies.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-version-dependencies" -l domain-owner -d 'The 12-digit account number of the Amazon Web Services account that owns the domain.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-version-dependencies" -l repository -d '[required] The name of the repository that contains the requested package version.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-version-dependencies" -l format -d '[required] The format of the package with the requested dependencies.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-version-dependencies" -l namespace -d 'The namespace of the package version with the requested dependencies.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-version-dependencies" -l package -d '[required] The name of the package versions\' package.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-version-dependencies" -l package-version -d '[required] A string that contains the package version (for example, 3.5.2).' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-version-dependencies" -l next-token -d 'The token for the next set of results.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-version-dependencies" -l cli-input-json -d 'Read arguments from a JSON string (or file://PATH); options on the command line take precedence' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-version-dependencies" -l generate-cli-skeleton -d 'Print a JSON skeleton of the input (or output) and exit' -r -f -a "input\t''
output\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-version-dependencies" -l endpoint-url -d 'Override the service\'s endpoint URL' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-version-dependencies" -l output -d 'The output format' -r -f -a "json\t''
text\t''
table\t''
yaml\t''
yaml-stream\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-version-dependencies" -l query -d 'A JMESPath query applied to the response' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-version-dependencies" -l profile -d 'A profile from the AWS config and credentials files' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-version-dependencies" -l region -d 'The region to use' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-version-dependencies" -l color -d 'Colour in table output' -r -f -a "on\t''
off\t''
auto\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-version-dependencies" -l ca-bundle -d 'A PEM bundle of CA certificates to trust' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-version-dependencies" -l cli-read-timeout -d 'Socket read timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-version-dependencies" -l cli-connect-timeout -d 'Socket connect timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-version-dependencies" -l cli-binary-format -d 'Accepted for AWS CLI v2 scripts (no CodeArtifact parameter is an inline blob)' -r -f -a "base64\t''
raw-in-base64-out\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-version-dependencies" -l debug -d 'Turn on debug logging (to stderr)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-version-dependencies" -l no-verify-ssl -d 'Do not verify TLS certificates'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-version-dependencies" -l no-paginate -d 'Make one call only; do not aggregate pages'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-version-dependencies" -l no-sign-request -d 'Send unsigned requests (no credentials are loaded)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-version-dependencies" -l local -d 'Run against the local emulator (`codeartifact mock`) instead of AWS'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-version-dependencies" -l yes -d 'Do not ask before destructive operations'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-version-dependencies" -l no-cli-pager -d 'Accepted for AWS CLI v2 scripts (output is never paged)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-version-dependencies" -l no-cli-auto-prompt -d 'Accepted for AWS CLI v2 scripts (there is no auto-prompt)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-version-dependencies" -s h -l help -d 'Print help'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-versions" -l domain -d '[required] The name of the domain that contains the repository that contains the requested package versions.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-versions" -l domain-owner -d 'The 12-digit account number of the Amazon Web Services account that owns the domain.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-versions" -l repository -d '[required] The name of the repository that contains the requested package versions.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-versions" -l format -d '[required] The format of the package versions you want to list.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-versions" -l namespace -d 'The namespace of the package that contains the requested package versions.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-versions" -l package -d '[required] The name of the package for which you want to request package versions.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-versions" -l status -d 'A string that filters the requested package versions by status.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-versions" -l sort-by -d 'How to sort the requested list of package versions.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-versions" -l max-results -d 'The maximum number of results to return per page.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-versions" -l next-token -d 'The token for the next set of results.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-versions" -l origin-type -d 'The originType used to filter package versions.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-versions" -l starting-token -d 'A token to start paginating from: the NextToken of a previously truncated response' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-versions" -l page-size -d 'The size of each page fetched from the service (does not change the output)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-versions" -l max-items -d 'The total number of items to print; a NextToken is printed when there are more' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-versions" -l cli-input-json -d 'Read arguments from a JSON string (or file://PATH); options on the command line take precedence' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-versions" -l generate-cli-skeleton -d 'Print a JSON skeleton of the input (or output) and exit' -r -f -a "input\t''
output\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-versions" -l endpoint-url -d 'Override the service\'s endpoint URL' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-versions" -l output -d 'The output format' -r -f -a "json\t''
text\t''
table\t''
yaml\t''
yaml-stream\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-versions" -l query -d 'A JMESPath query applied to the response' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-versions" -l profile -d 'A profile from the AWS config and credentials files' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-versions" -l region -d 'The region to use' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-versions" -l color -d 'Colour in table output' -r -f -a "on\t''
off\t''
auto\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-versions" -l ca-bundle -d 'A PEM bundle of CA certificates to trust' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-versions" -l cli-read-timeout -d 'Socket read timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-versions" -l cli-connect-timeout -d 'Socket connect timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-versions" -l cli-binary-format -d 'Accepted for AWS CLI v2 scripts (no CodeArtifact parameter is an inline blob)' -r -f -a "base64\t''
raw-in-base64-out\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-versions" -l debug -d 'Turn on debug logging (to stderr)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-versions" -l no-verify-ssl -d 'Do not verify TLS certificates'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-versions" -l no-paginate -d 'Make one call only; do not aggregate pages'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-versions" -l no-sign-request -d 'Send unsigned requests (no credentials are loaded)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-versions" -l local -d 'Run against the local emulator (`codeartifact mock`) instead of AWS'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-versions" -l yes -d 'Do not ask before destructive operations'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-versions" -l no-cli-pager -d 'Accepted for AWS CLI v2 scripts (output is never paged)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-versions" -l no-cli-auto-prompt -d 'Accepted for AWS CLI v2 scripts (there is no auto-prompt)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-package-versions" -s h -l help -d 'Print help'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-packages" -l domain -d '[required] The name of the domain that contains the repository that contains the requested packages.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-packages" -l domain-owner -d 'The 12-digit account number of the Amazon Web Services account that owns the domain.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-packages" -l repository -d '[required] The name of the repository that contains the requested packages.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-packages" -l format -d 'The format used to filter requested packages.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-packages" -l namespace -d 'The namespace prefix used to filter requested packages.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-packages" -l package-prefix -d 'A prefix used to filter requested packages.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-packages" -l max-results -d 'The maximum number of results to return per page.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-packages" -l next-token -d 'The token for the next set of results.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-packages" -l publish -d 'The value of the Publish package origin control restriction used to filter requested packages.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-packages" -l upstream -d 'The value of the Upstream package origin control restriction used to filter requested packages.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-packages" -l starting-token -d 'A token to start paginating from: the NextToken of a previously truncated response' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-packages" -l page-size -d 'The size of each page fetched from the service (does not change the output)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-packages" -l max-items -d 'The total number of items to print; a NextToken is printed when there are more' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-packages" -l cli-input-json -d 'Read arguments from a JSON string (or file://PATH); options on the command line take precedence' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-packages" -l generate-cli-skeleton -d 'Print a JSON skeleton of the input (or output) and exit' -r -f -a "input\t''
output\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-packages" -l endpoint-url -d 'Override the service\'s endpoint URL' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-packages" -l output -d 'The output format' -r -f -a "json\t''
text\t''
table\t''
yaml\t''
yaml-stream\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-packages" -l query -d 'A JMESPath query applied to the response' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-packages" -l profile -d 'A profile from the AWS config and credentials files' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-packages" -l region -d 'The region to use' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-packages" -l color -d 'Colour in table output' -r -f -a "on\t''
off\t''
auto\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-packages" -l ca-bundle -d 'A PEM bundle of CA certificates to trust' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-packages" -l cli-read-timeout -d 'Socket read timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-packages" -l cli-connect-timeout -d 'Socket connect timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-packages" -l cli-binary-format -d 'Accepted for AWS CLI v2 scripts (no CodeArtifact parameter is an inline blob)' -r -f -a "base64\t''
raw-in-base64-out\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-packages" -l debug -d 'Turn on debug logging (to stderr)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-packages" -l no-verify-ssl -d 'Do not verify TLS certificates'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-packages" -l no-paginate -d 'Make one call only; do not aggregate pages'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-packages" -l no-sign-request -d 'Send unsigned requests (no credentials are loaded)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-packages" -l local -d 'Run against the local emulator (`codeartifact mock`) instead of AWS'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-packages" -l yes -d 'Do not ask before destructive operations'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-packages" -l no-cli-pager -d 'Accepted for AWS CLI v2 scripts (output is never paged)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-packages" -l no-cli-auto-prompt -d 'Accepted for AWS CLI v2 scripts (there is no auto-prompt)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-packages" -s h -l help -d 'Print help'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-repositories" -l repository-prefix -d 'A prefix used to filter returned repositories.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-repositories" -l max-results -d 'The maximum number of results to return per page.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-repositories" -l next-token -d 'The token for the next set of results.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-repositories" -l starting-token -d 'A token to start paginating from: the NextToken of a previously truncated response' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-repositories" -l page-size -d 'The size of each page fetched from the service (does not change the output)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-repositories" -l max-items -d 'The total number of items to print; a NextToken is printed when there are more' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-repositories" -l cli-input-json -d 'Read arguments from a JSON string (or file://PATH); options on the command line take precedence' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-repositories" -l generate-cli-skeleton -d 'Print a JSON skeleton of the input (or output) and exit' -r -f -a "input\t''
output\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-repositories" -l endpoint-url -d 'Override the service\'s endpoint URL' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-repositories" -l output -d 'The output format' -r -f -a "json\t''
text\t''
table\t''
yaml\t''
yaml-stream\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-repositories" -l query -d 'A JMESPath query applied to the response' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-repositories" -l profile -d 'A profile from the AWS config and credentials files' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-repositories" -l region -d 'The region to use' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-repositories" -l color -d 'Colour in table output' -r -f -a "on\t''
off\t''
auto\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-repositories" -l ca-bundle -d 'A PEM bundle of CA certificates to trust' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-repositories" -l cli-read-timeout -d 'Socket read timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-repositories" -l cli-connect-timeout -d 'Socket connect timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-repositories" -l cli-binary-format -d 'Accepted for AWS CLI v2 scripts (no CodeArtifact parameter is an inline blob)' -r -f -a "base64\t''
raw-in-base64-out\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-repositories" -l debug -d 'Turn on debug logging (to stderr)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-repositories" -l no-verify-ssl -d 'Do not verify TLS certificates'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-repositories" -l no-paginate -d 'Make one call only; do not aggregate pages'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-repositories" -l no-sign-request -d 'Send unsigned requests (no credentials are loaded)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-repositories" -l local -d 'Run against the local emulator (`codeartifact mock`) instead of AWS'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-repositories" -l yes -d 'Do not ask before destructive operations'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-repositories" -l no-cli-pager -d 'Accepted for AWS CLI v2 scripts (output is never paged)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-repositories" -l no-cli-auto-prompt -d 'Accepted for AWS CLI v2 scripts (there is no auto-prompt)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-repositories" -s h -l help -d 'Print help'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-repositories-in-domain" -l domain -d '[required] The name of the domain that contains the returned list of repositories.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-repositories-in-domain" -l domain-owner -d 'The 12-digit account number of the Amazon Web Services account that owns the domain.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-repositories-in-domain" -l administrator-account -d 'Filter the list of repositories to only include those that are managed by the Amazon Web Services account ID.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-repositories-in-domain" -l repository-prefix -d 'A prefix used to filter returned repositories.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-repositories-in-domain" -l max-results -d 'The maximum number of results to return per page.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-repositories-in-domain" -l next-token -d 'The token for the next set of results.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-repositories-in-domain" -l starting-token -d 'A token to start paginating from: the NextToken of a previously truncated response' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-repositories-in-domain" -l page-size -d 'The size of each page fetched from the service (does not change the output)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-repositories-in-domain" -l max-items -d 'The total number of items to print; a NextToken is printed when there are more' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-repositories-in-domain" -l cli-input-json -d 'Read arguments from a JSON string (or file://PATH); options on the command line take precedence' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-repositories-in-domain" -l generate-cli-skeleton -d 'Print a JSON skeleton of the input (or output) and exit' -r -f -a "input\t''
output\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-repositories-in-domain" -l endpoint-url -d 'Override the service\'s endpoint URL' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-repositories-in-domain" -l output -d 'The output format' -r -f -a "json\t''
text\t''
table\t''
yaml\t''
yaml-stream\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-repositories-in-domain" -l query -d 'A JMESPath query applied to the response' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-repositories-in-domain" -l profile -d 'A profile from the AWS config and credentials files' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-repositories-in-domain" -l region -d 'The region to use' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-repositories-in-domain" -l color -d 'Colour in table output' -r -f -a "on\t''
off\t''
auto\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-repositories-in-domain" -l ca-bundle -d 'A PEM bundle of CA certificates to trust' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-repositories-in-domain" -l cli-read-timeout -d 'Socket read timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-repositories-in-domain" -l cli-connect-timeout -d 'Socket connect timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-repositories-in-domain" -l cli-binary-format -d 'Accepted for AWS CLI v2 scripts (no CodeArtifact parameter is an inline blob)' -r -f -a "base64\t''
raw-in-base64-out\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-repositories-in-domain" -l debug -d 'Turn on debug logging (to stderr)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-repositories-in-domain" -l no-verify-ssl -d 'Do not verify TLS certificates'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-repositories-in-domain" -l no-paginate -d 'Make one call only; do not aggregate pages'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-repositories-in-domain" -l no-sign-request -d 'Send unsigned requests (no credentials are loaded)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-repositories-in-domain" -l local -d 'Run against the local emulator (`codeartifact mock`) instead of AWS'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-repositories-in-domain" -l yes -d 'Do not ask before destructive operations'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-repositories-in-domain" -l no-cli-pager -d 'Accepted for AWS CLI v2 scripts (output is never paged)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-repositories-in-domain" -l no-cli-auto-prompt -d 'Accepted for AWS CLI v2 scripts (there is no auto-prompt)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-repositories-in-domain" -s h -l help -d 'Print help'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-sub-package-groups" -l domain -d '[required] The name of the domain which contains the package group from which to list sub package groups.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-sub-package-groups" -l domain-owner -d 'The 12-digit account number of the Amazon Web Services account that owns the domain.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-sub-package-groups" -l package-group -d '[required] The pattern of the package group from which to list sub package groups.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-sub-package-groups" -l max-results -d 'The maximum number of results to return per page.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-sub-package-groups" -l next-token -d 'The token for the next set of results.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-sub-package-groups" -l starting-token -d 'A token to start paginating from: the NextToken of a previously truncated response' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-sub-package-groups" -l page-size -d 'The size of each page fetched from the service (does not change the output)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-sub-package-groups" -l max-items -d 'The total number of items to print; a NextToken is printed when there are more' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-sub-package-groups" -l cli-input-json -d 'Read arguments from a JSON string (or file://PATH); options on the command line take precedence' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-sub-package-groups" -l generate-cli-skeleton -d 'Print a JSON skeleton of the input (or output) and exit' -r -f -a "input\t''
output\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-sub-package-groups" -l endpoint-url -d 'Override the service\'s endpoint URL' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-sub-package-groups" -l output -d 'The output format' -r -f -a "json\t''
text\t''
table\t''
yaml\t''
yaml-stream\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-sub-package-groups" -l query -d 'A JMESPath query applied to the response' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-sub-package-groups" -l profile -d 'A profile from the AWS config and credentials files' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-sub-package-groups" -l region -d 'The region to use' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-sub-package-groups" -l color -d 'Colour in table output' -r -f -a "on\t''
off\t''
auto\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-sub-package-groups" -l ca-bundle -d 'A PEM bundle of CA certificates to trust' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-sub-package-groups" -l cli-read-timeout -d 'Socket read timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-sub-package-groups" -l cli-connect-timeout -d 'Socket connect timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-sub-package-groups" -l cli-binary-format -d 'Accepted for AWS CLI v2 scripts (no CodeArtifact parameter is an inline blob)' -r -f -a "base64\t''
raw-in-base64-out\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-sub-package-groups" -l debug -d 'Turn on debug logging (to stderr)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-sub-package-groups" -l no-verify-ssl -d 'Do not verify TLS certificates'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-sub-package-groups" -l no-paginate -d 'Make one call only; do not aggregate pages'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-sub-package-groups" -l no-sign-request -d 'Send unsigned requests (no credentials are loaded)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-sub-package-groups" -l local -d 'Run against the local emulator (`codeartifact mock`) instead of AWS'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-sub-package-groups" -l yes -d 'Do not ask before destructive operations'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-sub-package-groups" -l no-cli-pager -d 'Accepted for AWS CLI v2 scripts (output is never paged)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-sub-package-groups" -l no-cli-auto-prompt -d 'Accepted for AWS CLI v2 scripts (there is no auto-prompt)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-sub-package-groups" -s h -l help -d 'Print help'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-tags-for-resource" -l resource-arn -d '[required] The Amazon Resource Name (ARN) of the resource to get tags for.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-tags-for-resource" -l cli-input-json -d 'Read arguments from a JSON string (or file://PATH); options on the command line take precedence' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-tags-for-resource" -l generate-cli-skeleton -d 'Print a JSON skeleton of the input (or output) and exit' -r -f -a "input\t''
output\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-tags-for-resource" -l endpoint-url -d 'Override the service\'s endpoint URL' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-tags-for-resource" -l output -d 'The output format' -r -f -a "json\t''
text\t''
table\t''
yaml\t''
yaml-stream\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-tags-for-resource" -l query -d 'A JMESPath query applied to the response' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-tags-for-resource" -l profile -d 'A profile from the AWS config and credentials files' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-tags-for-resource" -l region -d 'The region to use' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-tags-for-resource" -l color -d 'Colour in table output' -r -f -a "on\t''
off\t''
auto\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-tags-for-resource" -l ca-bundle -d 'A PEM bundle of CA certificates to trust' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-tags-for-resource" -l cli-read-timeout -d 'Socket read timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-tags-for-resource" -l cli-connect-timeout -d 'Socket connect timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-tags-for-resource" -l cli-binary-format -d 'Accepted for AWS CLI v2 scripts (no CodeArtifact parameter is an inline blob)' -r -f -a "base64\t''
raw-in-base64-out\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-tags-for-resource" -l debug -d 'Turn on debug logging (to stderr)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-tags-for-resource" -l no-verify-ssl -d 'Do not verify TLS certificates'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-tags-for-resource" -l no-paginate -d 'Make one call only; do not aggregate pages'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-tags-for-resource" -l no-sign-request -d 'Send unsigned requests (no credentials are loaded)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-tags-for-resource" -l local -d 'Run against the local emulator (`codeartifact mock`) instead of AWS'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-tags-for-resource" -l yes -d 'Do not ask before destructive operations'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-tags-for-resource" -l no-cli-pager -d 'Accepted for AWS CLI v2 scripts (output is never paged)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-tags-for-resource" -l no-cli-auto-prompt -d 'Accepted for AWS CLI v2 scripts (there is no auto-prompt)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand list-tags-for-resource" -s h -l help -d 'Print help'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand publish-package-version" -l domain -d '[required] The name of the domain that contains the repository that contains the package version to publish.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand publish-package-version" -l domain-owner -d 'The 12-digit account number of the AWS account that owns the domain.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand publish-package-version" -l repository -d '[required] The name of the repository that the package version will be published to.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand publish-package-version" -l format -d '[required] A format that specifies the type of the package version with the requested asset file.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand publish-package-version" -l namespace -d 'The namespace of the package version to publish.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand publish-package-version" -l package -d '[required] The name of the package version to publish.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand publish-package-version" -l package-version -d '[required] The package version to publish (for example, 3.5.2).' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand publish-package-version" -l asset-content -d '[required] The content of the asset to publish.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand publish-package-version" -l asset-name -d '[required] The name of the asset to publish.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand publish-package-version" -l asset-sha256 -d '[required] The SHA256 hash of the assetContent to publish.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand publish-package-version" -l cli-input-json -d 'Read arguments from a JSON string (or file://PATH); options on the command line take precedence' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand publish-package-version" -l generate-cli-skeleton -d 'Print a JSON skeleton of the input (or output) and exit' -r -f -a "input\t''
output\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand publish-package-version" -l endpoint-url -d 'Override the service\'s endpoint URL' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand publish-package-version" -l output -d 'The output format' -r -f -a "json\t''
text\t''
table\t''
yaml\t''
yaml-stream\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand publish-package-version" -l query -d 'A JMESPath query applied to the response' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand publish-package-version" -l profile -d 'A profile from the AWS config and credentials files' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand publish-package-version" -l region -d 'The region to use' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand publish-package-version" -l color -d 'Colour in table output' -r -f -a "on\t''
off\t''
auto\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand publish-package-version" -l ca-bundle -d 'A PEM bundle of CA certificates to trust' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand publish-package-version" -l cli-read-timeout -d 'Socket read timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand publish-package-version" -l cli-connect-timeout -d 'Socket connect timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand publish-package-version" -l cli-binary-format -d 'Accepted for AWS CLI v2 scripts (no CodeArtifact parameter is an inline blob)' -r -f -a "base64\t''
raw-in-base64-out\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand publish-package-version" -l unfinished -d 'Specifies whether the package version should remain in the unfinished state.'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand publish-package-version" -l no-unfinished
complete -c codeartifact -n "__fish_codeartifact_using_subcommand publish-package-version" -l debug -d 'Turn on debug logging (to stderr)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand publish-package-version" -l no-verify-ssl -d 'Do not verify TLS certificates'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand publish-package-version" -l no-paginate -d 'Make one call only; do not aggregate pages'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand publish-package-version" -l no-sign-request -d 'Send unsigned requests (no credentials are loaded)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand publish-package-version" -l local -d 'Run against the local emulator (`codeartifact mock`) instead of AWS'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand publish-package-version" -l yes -d 'Do not ask before destructive operations'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand publish-package-version" -l no-cli-pager -d 'Accepted for AWS CLI v2 scripts (output is never paged)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand publish-package-version" -l no-cli-auto-prompt -d 'Accepted for AWS CLI v2 scripts (there is no auto-prompt)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand publish-package-version" -s h -l help -d 'Print help'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand put-domain-permissions-policy" -l domain -d '[required] The name of the domain on which to set the resource policy.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand put-domain-permissions-policy" -l domain-owner -d 'The 12-digit account number of the Amazon Web Services account that owns the domain.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand put-domain-permissions-policy" -l policy-revision -d 'The current revision of the resource policy to be set.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand put-domain-permissions-policy" -l policy-document -d '[required] A valid displayable JSON Aspen policy string to be set as the access control resource policy on the provided domain.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand put-domain-permissions-policy" -l cli-input-json -d 'Read arguments from a JSON string (or file://PATH); options on the command line take precedence' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand put-domain-permissions-policy" -l generate-cli-skeleton -d 'Print a JSON skeleton of the input (or output) and exit' -r -f -a "input\t''
output\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand put-domain-permissions-policy" -l endpoint-url -d 'Override the service\'s endpoint URL' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand put-domain-permissions-policy" -l output -d 'The output format' -r -f -a "json\t''
text\t''
table\t''
yaml\t''
yaml-stream\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand put-domain-permissions-policy" -l query -d 'A JMESPath query applied to the response' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand put-domain-permissions-policy" -l profile -d 'A profile from the AWS config and credentials files' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand put-domain-permissions-policy" -l region -d 'The region to use' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand put-domain-permissions-policy" -l color -d 'Colour in table output' -r -f -a "on\t''
off\t''
auto\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand put-domain-permissions-policy" -l ca-bundle -d 'A PEM bundle of CA certificates to trust' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand put-domain-permissions-policy" -l cli-read-timeout -d 'Socket read timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand put-domain-permissions-policy" -l cli-connect-timeout -d 'Socket connect timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand put-domain-permissions-policy" -l cli-binary-format -d 'Accepted for AWS CLI v2 scripts (no CodeArtifact parameter is an inline blob)' -r -f -a "base64\t''
raw-in-base64-out\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand put-domain-permissions-policy" -l debug -d 'Turn on debug logging (to stderr)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand put-domain-permissions-policy" -l no-verify-ssl -d 'Do not verify TLS certificates'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand put-domain-permissions-policy" -l no-paginate -d 'Make one call only; do not aggregate pages'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand put-domain-permissions-policy" -l no-sign-request -d 'Send unsigned requests (no credentials are loaded)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand put-domain-permissions-policy" -l local -d 'Run against the local emulator (`codeartifact mock`) instead of AWS'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand put-domain-permissions-policy" -l yes -d 'Do not ask before destructive operations'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand put-domain-permissions-policy" -l no-cli-pager -d 'Accepted for AWS CLI v2 scripts (output is never paged)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand put-domain-permissions-policy" -l no-cli-auto-prompt -d 'Accepted for AWS CLI v2 scripts (there is no auto-prompt)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand put-domain-permissions-policy" -s h -l help -d 'Print help'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand put-package-origin-configuration" -l domain -d '[required] The name of the domain that contains the repository that contains the package.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand put-package-origin-configuration" -l domain-owner -d 'The 12-digit account number of the Amazon Web Services account that owns the domain.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand put-package-origin-configuration" -l repository -d '[required] The name of the repository that contains the package.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand put-package-origin-configuration" -l format -d '[required] A format that specifies the type of the package to be updated.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand put-package-origin-configuration" -l namespace -d 'The namespace of the package to be updated.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand put-package-origin-configuration" -l package -d '[required] The name of the package to be updated.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand put-package-origin-configuration" -l restrictions -d '[required] A PackageOriginRestrictions object that contains information about the upstream and publish package origin restrictions.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand put-package-origin-configuration" -l cli-input-json -d 'Read arguments from a JSON string (or file://PATH); options on the command line take precedence' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand put-package-origin-configuration" -l generate-cli-skeleton -d 'Print a JSON skeleton of the input (or output) and exit' -r -f -a "input\t''
output\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand put-package-origin-configuration" -l endpoint-url -d 'Override the service\'s endpoint URL' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand put-package-origin-configuration" -l output -d 'The output format' -r -f -a "json\t''
text\t''
table\t''
yaml\t''
yaml-stream\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand put-package-origin-configuration" -l query -d 'A JMESPath query applied to the response' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand put-package-origin-configuration" -l profile -d 'A profile from the AWS config and credentials files' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand put-package-origin-configuration" -l region -d 'The region to use' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand put-package-origin-configuration" -l color -d 'Colour in table output' -r -f -a "on\t''
off\t''
auto\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand put-package-origin-configuration" -l ca-bundle -d 'A PEM bundle of CA certificates to trust' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand put-package-origin-configuration" -l cli-read-timeout -d 'Socket read timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand put-package-origin-configuration" -l cli-connect-timeout -d 'Socket connect timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand put-package-origin-configuration" -l cli-binary-format -d 'Accepted for AWS CLI v2 scripts (no CodeArtifact parameter is an inline blob)' -r -f -a "base64\t''
raw-in-base64-out\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand put-package-origin-configuration" -l debug -d 'Turn on debug logging (to stderr)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand put-package-origin-configuration" -l no-verify-ssl -d 'Do not verify TLS certificates'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand put-package-origin-configuration" -l no-paginate -d 'Make one call only; do not aggregate pages'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand put-package-origin-configuration" -l no-sign-request -d 'Send unsigned requests (no credentials are loaded)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand put-package-origin-configuration" -l local -d 'Run against the local emulator (`codeartifact mock`) instead of AWS'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand put-package-origin-configuration" -l yes -d 'Do not ask before destructive operations'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand put-package-origin-configuration" -l no-cli-pager -d 'Accepted for AWS CLI v2 scripts (output is never paged)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand put-package-origin-configuration" -l no-cli-auto-prompt -d 'Accepted for AWS CLI v2 scripts (there is no auto-prompt)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand put-package-origin-configuration" -s h -l help -d 'Print help'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand put-repository-permissions-policy" -l domain -d '[required] The name of the domain containing the repository to set the resource policy on.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand put-repository-permissions-policy" -l domain-owner -d 'The 12-digit account number of the Amazon Web Services account that owns the domain.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand put-repository-permissions-policy" -l repository -d '[required] The name of the repository to set the resource policy on.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand put-repository-permissions-policy" -l policy-revision -d 'Sets the revision of the resource policy that specifies permissions to access the repository.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand put-repository-permissions-policy" -l policy-document -d '[required] A valid displayable JSON Aspen policy string to be set as the access control resource policy on the provided repository.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand put-repository-permissions-policy" -l cli-input-json -d 'Read arguments from a JSON string (or file://PATH); options on the command line take precedence' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand put-repository-permissions-policy" -l generate-cli-skeleton -d 'Print a JSON skeleton of the input (or output) and exit' -r -f -a "input\t''
output\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand put-repository-permissions-policy" -l endpoint-url -d 'Override the service\'s endpoint URL' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand put-repository-permissions-policy" -l output -d 'The output format' -r -f -a "json\t''
text\t''
table\t''
yaml\t''
yaml-stream\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand put-repository-permissions-policy" -l query -d 'A JMESPath query applied to the response' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand put-repository-permissions-policy" -l profile -d 'A profile from the AWS config and credentials files' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand put-repository-permissions-policy" -l region -d 'The region to use' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand put-repository-permissions-policy" -l color -d 'Colour in table output' -r -f -a "on\t''
off\t''
auto\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand put-repository-permissions-policy" -l ca-bundle -d 'A PEM bundle of CA certificates to trust' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand put-repository-permissions-policy" -l cli-read-timeout -d 'Socket read timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand put-repository-permissions-policy" -l cli-connect-timeout -d 'Socket connect timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand put-repository-permissions-policy" -l cli-binary-format -d 'Accepted for AWS CLI v2 scripts (no CodeArtifact parameter is an inline blob)' -r -f -a "base64\t''
raw-in-base64-out\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand put-repository-permissions-policy" -l debug -d 'Turn on debug logging (to stderr)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand put-repository-permissions-policy" -l no-verify-ssl -d 'Do not verify TLS certificates'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand put-repository-permissions-policy" -l no-paginate -d 'Make one call only; do not aggregate pages'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand put-repository-permissions-policy" -l no-sign-request -d 'Send unsigned requests (no credentials are loaded)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand put-repository-permissions-policy" -l local -d 'Run against the local emulator (`codeartifact mock`) instead of AWS'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand put-repository-permissions-policy" -l yes -d 'Do not ask before destructive operations'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand put-repository-permissions-policy" -l no-cli-pager -d 'Accepted for AWS CLI v2 scripts (output is never paged)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand put-repository-permissions-policy" -l no-cli-auto-prompt -d 'Accepted for AWS CLI v2 scripts (there is no auto-prompt)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand put-repository-permissions-policy" -s h -l help -d 'Print help'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand tag-resource" -l resource-arn -d '[required] The Amazon Resource Name (ARN) of the resource that you want to add or update tags for.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand tag-resource" -l tags -d '[required] The tags you want to modify or add to the resource.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand tag-resource" -l cli-input-json -d 'Read arguments from a JSON string (or file://PATH); options on the command line take precedence' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand tag-resource" -l generate-cli-skeleton -d 'Print a JSON skeleton of the input (or output) and exit' -r -f -a "input\t''
output\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand tag-resource" -l endpoint-url -d 'Override the service\'s endpoint URL' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand tag-resource" -l output -d 'The output format' -r -f -a "json\t''
text\t''
table\t''
yaml\t''
yaml-stream\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand tag-resource" -l query -d 'A JMESPath query applied to the response' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand tag-resource" -l profile -d 'A profile from the AWS config and credentials files' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand tag-resource" -l region -d 'The region to use' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand tag-resource" -l color -d 'Colour in table output' -r -f -a "on\t''
off\t''
auto\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand tag-resource" -l ca-bundle -d 'A PEM bundle of CA certificates to trust' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand tag-resource" -l cli-read-timeout -d 'Socket read timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand tag-resource" -l cli-connect-timeout -d 'Socket connect timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand tag-resource" -l cli-binary-format -d 'Accepted for AWS CLI v2 scripts (no CodeArtifact parameter is an inline blob)' -r -f -a "base64\t''
raw-in-base64-out\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand tag-resource" -l debug -d 'Turn on debug logging (to stderr)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand tag-resource" -l no-verify-ssl -d 'Do not verify TLS certificates'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand tag-resource" -l no-paginate -d 'Make one call only; do not aggregate pages'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand tag-resource" -l no-sign-request -d 'Send unsigned requests (no credentials are loaded)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand tag-resource" -l local -d 'Run against the local emulator (`codeartifact mock`) instead of AWS'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand tag-resource" -l yes -d 'Do not ask before destructive operations'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand tag-resource" -l no-cli-pager -d 'Accepted for AWS CLI v2 scripts (output is never paged)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand tag-resource" -l no-cli-auto-prompt -d 'Accepted for AWS CLI v2 scripts (there is no auto-prompt)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand tag-resource" -s h -l help -d 'Print help'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand untag-resource" -l resource-arn -d '[required] The Amazon Resource Name (ARN) of the resource that you want to remove tags from.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand untag-resource" -l tag-keys -d '[required] The tag key for each tag that you want to remove from the resource.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand untag-resource" -l cli-input-json -d 'Read arguments from a JSON string (or file://PATH); options on the command line take precedence' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand untag-resource" -l generate-cli-skeleton -d 'Print a JSON skeleton of the input (or output) and exit' -r -f -a "input\t''
output\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand untag-resource" -l endpoint-url -d 'Override the service\'s endpoint URL' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand untag-resource" -l output -d 'The output format' -r -f -a "json\t''
text\t''
table\t''
yaml\t''
yaml-stream\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand untag-resource" -l query -d 'A JMESPath query applied to the response' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand untag-resource" -l profile -d 'A profile from the AWS config and credentials files' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand untag-resource" -l region -d 'The region to use' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand untag-resource" -l color -d 'Colour in table output' -r -f -a "on\t''
off\t''
auto\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand untag-resource" -l ca-bundle -d 'A PEM bundle of CA certificates to trust' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand untag-resource" -l cli-read-timeout -d 'Socket read timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand untag-resource" -l cli-connect-timeout -d 'Socket connect timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand untag-resource" -l cli-binary-format -d 'Accepted for AWS CLI v2 scripts (no CodeArtifact parameter is an inline blob)' -r -f -a "base64\t''
raw-in-base64-out\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand untag-resource" -l debug -d 'Turn on debug logging (to stderr)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand untag-resource" -l no-verify-ssl -d 'Do not verify TLS certificates'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand untag-resource" -l no-paginate -d 'Make one call only; do not aggregate pages'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand untag-resource" -l no-sign-request -d 'Send unsigned requests (no credentials are loaded)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand untag-resource" -l local -d 'Run against the local emulator (`codeartifact mock`) instead of AWS'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand untag-resource" -l yes -d 'Do not ask before destructive operations'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand untag-resource" -l no-cli-pager -d 'Accepted for AWS CLI v2 scripts (output is never paged)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand untag-resource" -l no-cli-auto-prompt -d 'Accepted for AWS CLI v2 scripts (there is no auto-prompt)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand untag-resource" -s h -l help -d 'Print help'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-package-group" -l domain -d '[required] The name of the domain which contains the package group to be updated.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-package-group" -l domain-owner -d 'The 12-digit account number of the Amazon Web Services account that owns the domain.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-package-group" -l package-group -d '[required] The pattern of the package group to be updated.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-package-group" -l contact-info -d 'Contact information which you want to update the requested package group with.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-package-group" -l description -d 'The description you want to update the requested package group with.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-package-group" -l cli-input-json -d 'Read arguments from a JSON string (or file://PATH); options on the command line take precedence' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-package-group" -l generate-cli-skeleton -d 'Print a JSON skeleton of the input (or output) and exit' -r -f -a "input\t''
output\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-package-group" -l endpoint-url -d 'Override the service\'s endpoint URL' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-package-group" -l output -d 'The output format' -r -f -a "json\t''
text\t''
table\t''
yaml\t''
yaml-stream\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-package-group" -l query -d 'A JMESPath query applied to the response' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-package-group" -l profile -d 'A profile from the AWS config and credentials files' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-package-group" -l region -d 'The region to use' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-package-group" -l color -d 'Colour in table output' -r -f -a "on\t''
off\t''
auto\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-package-group" -l ca-bundle -d 'A PEM bundle of CA certificates to trust' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-package-group" -l cli-read-timeout -d 'Socket read timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-package-group" -l cli-connect-timeout -d 'Socket connect timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-package-group" -l cli-binary-format -d 'Accepted for AWS CLI v2 scripts (no CodeArtifact parameter is an inline blob)' -r -f -a "base64\t''
raw-in-base64-out\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-package-group" -l debug -d 'Turn on debug logging (to stderr)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-package-group" -l no-verify-ssl -d 'Do not verify TLS certificates'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-package-group" -l no-paginate -d 'Make one call only; do not aggregate pages'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-package-group" -l no-sign-request -d 'Send unsigned requests (no credentials are loaded)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-package-group" -l local -d 'Run against the local emulator (`codeartifact mock`) instead of AWS'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-package-group" -l yes -d 'Do not ask before destructive operations'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-package-group" -l no-cli-pager -d 'Accepted for AWS CLI v2 scripts (output is never paged)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-package-group" -l no-cli-auto-prompt -d 'Accepted for AWS CLI v2 scripts (there is no auto-prompt)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-package-group" -s h -l help -d 'Print help'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-package-group-origin-configuration" -l domain -d '[required] The name of the domain which contains the package group for which to update the origin configuration.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-package-group-origin-configuration" -l domain-owner -d 'The 12-digit account number of the Amazon Web Services account that owns the domain.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-package-group-origin-configuration" -l package-group -d '[required] The pattern of the package group for which to update the origin configuration.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-package-group-origin-configuration" -l restrictions -d 'The origin configuration settings that determine how package versions can enter repositories.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-package-group-origin-configuration" -l add-allowed-repositories -d 'The repository name and restrictions to add to the allowed repository list of the specified package group.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-package-group-origin-configuration" -l remove-allowed-repositories -d 'The repository name and restrictions to remove from the allowed repository list of the specified package group.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-package-group-origin-configuration" -l cli-input-json -d 'Read arguments from a JSON string (or file://PATH); options on the command line take precedence' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-package-group-origin-configuration" -l generate-cli-skeleton -d 'Print a JSON skeleton of the input (or output) and exit' -r -f -a "input\t''
output\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-package-group-origin-configuration" -l endpoint-url -d 'Override the service\'s endpoint URL' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-package-group-origin-configuration" -l output -d 'The output format' -r -f -a "json\t''
text\t''
table\t''
yaml\t''
yaml-stream\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-package-group-origin-configuration" -l query -d 'A JMESPath query applied to the response' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-package-group-origin-configuration" -l profile -d 'A profile from the AWS config and credentials files' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-package-group-origin-configuration" -l region -d 'The region to use' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-package-group-origin-configuration" -l color -d 'Colour in table output' -r -f -a "on\t''
off\t''
auto\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-package-group-origin-configuration" -l ca-bundle -d 'A PEM bundle of CA certificates to trust' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-package-group-origin-configuration" -l cli-read-timeout -d 'Socket read timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-package-group-origin-configuration" -l cli-connect-timeout -d 'Socket connect timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-package-group-origin-configuration" -l cli-binary-format -d 'Accepted for AWS CLI v2 scripts (no CodeArtifact parameter is an inline blob)' -r -f -a "base64\t''
raw-in-base64-out\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-package-group-origin-configuration" -l debug -d 'Turn on debug logging (to stderr)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-package-group-origin-configuration" -l no-verify-ssl -d 'Do not verify TLS certificates'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-package-group-origin-configuration" -l no-paginate -d 'Make one call only; do not aggregate pages'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-package-group-origin-configuration" -l no-sign-request -d 'Send unsigned requests (no credentials are loaded)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-package-group-origin-configuration" -l local -d 'Run against the local emulator (`codeartifact mock`) instead of AWS'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-package-group-origin-configuration" -l yes -d 'Do not ask before destructive operations'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-package-group-origin-configuration" -l no-cli-pager -d 'Accepted for AWS CLI v2 scripts (output is never paged)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-package-group-origin-configuration" -l no-cli-auto-prompt -d 'Accepted for AWS CLI v2 scripts (there is no auto-prompt)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-package-group-origin-configuration" -s h -l help -d 'Print help'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-package-versions-status" -l domain -d '[required] The name of the domain that contains the repository that contains the package versions with a status to be updated.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-package-versions-status" -l domain-owner -d 'The 12-digit account number of the Amazon Web Services account that owns the domain.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-package-versions-status" -l repository -d '[required] The repository that contains the package versions with the status you want to update.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-package-versions-status" -l format -d '[required] A format that specifies the type of the package with the statuses to update.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-package-versions-status" -l namespace -d 'The namespace of the package version to be updated.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-package-versions-status" -l package -d '[required] The name of the package with the version statuses to update.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-package-versions-status" -l versions -d '[required] An array of strings that specify the versions of the package with the statuses to update.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-package-versions-status" -l version-revisions -d 'A map of package versions and package version revisions.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-package-versions-status" -l expected-status -d 'The package version’s expected status before it is updated.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-package-versions-status" -l target-status -d '[required] The status you want to change the package version status to.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-package-versions-status" -l cli-input-json -d 'Read arguments from a JSON string (or file://PATH); options on the command line take precedence' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-package-versions-status" -l generate-cli-skeleton -d 'Print a JSON skeleton of the input (or output) and exit' -r -f -a "input\t''
output\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-package-versions-status" -l endpoint-url -d 'Override the service\'s endpoint URL' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-package-versions-status" -l output -d 'The output format' -r -f -a "json\t''
text\t''
table\t''
yaml\t''
yaml-stream\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-package-versions-status" -l query -d 'A JMESPath query applied to the response' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-package-versions-status" -l profile -d 'A profile from the AWS config and credentials files' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-package-versions-status" -l region -d 'The region to use' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-package-versions-status" -l color -d 'Colour in table output' -r -f -a "on\t''
off\t''
auto\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-package-versions-status" -l ca-bundle -d 'A PEM bundle of CA certificates to trust' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-package-versions-status" -l cli-read-timeout -d 'Socket read timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-package-versions-status" -l cli-connect-timeout -d 'Socket connect timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-package-versions-status" -l cli-binary-format -d 'Accepted for AWS CLI v2 scripts (no CodeArtifact parameter is an inline blob)' -r -f -a "base64\t''
raw-in-base64-out\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-package-versions-status" -l debug -d 'Turn on debug logging (to stderr)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-package-versions-status" -l no-verify-ssl -d 'Do not verify TLS certificates'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-package-versions-status" -l no-paginate -d 'Make one call only; do not aggregate pages'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-package-versions-status" -l no-sign-request -d 'Send unsigned requests (no credentials are loaded)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-package-versions-status" -l local -d 'Run against the local emulator (`codeartifact mock`) instead of AWS'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-package-versions-status" -l yes -d 'Do not ask before destructive operations'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-package-versions-status" -l no-cli-pager -d 'Accepted for AWS CLI v2 scripts (output is never paged)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-package-versions-status" -l no-cli-auto-prompt -d 'Accepted for AWS CLI v2 scripts (there is no auto-prompt)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-package-versions-status" -s h -l help -d 'Print help'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-repository" -l domain -d '[required] The name of the domain associated with the repository to update.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-repository" -l domain-owner -d 'The 12-digit account number of the Amazon Web Services account that owns the domain.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-repository" -l repository -d '[required] The name of the repository to update.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-repository" -l description -d 'An updated repository description.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-repository" -l upstreams -d 'A list of upstream repositories to associate with the repository.' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-repository" -l cli-input-json -d 'Read arguments from a JSON string (or file://PATH); options on the command line take precedence' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-repository" -l generate-cli-skeleton -d 'Print a JSON skeleton of the input (or output) and exit' -r -f -a "input\t''
output\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-repository" -l endpoint-url -d 'Override the service\'s endpoint URL' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-repository" -l output -d 'The output format' -r -f -a "json\t''
text\t''
table\t''
yaml\t''
yaml-stream\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-repository" -l query -d 'A JMESPath query applied to the response' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-repository" -l profile -d 'A profile from the AWS config and credentials files' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-repository" -l region -d 'The region to use' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-repository" -l color -d 'Colour in table output' -r -f -a "on\t''
off\t''
auto\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-repository" -l ca-bundle -d 'A PEM bundle of CA certificates to trust' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-repository" -l cli-read-timeout -d 'Socket read timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-repository" -l cli-connect-timeout -d 'Socket connect timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-repository" -l cli-binary-format -d 'Accepted for AWS CLI v2 scripts (no CodeArtifact parameter is an inline blob)' -r -f -a "base64\t''
raw-in-base64-out\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-repository" -l debug -d 'Turn on debug logging (to stderr)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-repository" -l no-verify-ssl -d 'Do not verify TLS certificates'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-repository" -l no-paginate -d 'Make one call only; do not aggregate pages'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-repository" -l no-sign-request -d 'Send unsigned requests (no credentials are loaded)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-repository" -l local -d 'Run against the local emulator (`codeartifact mock`) instead of AWS'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-repository" -l yes -d 'Do not ask before destructive operations'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-repository" -l no-cli-pager -d 'Accepted for AWS CLI v2 scripts (output is never paged)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-repository" -l no-cli-auto-prompt -d 'Accepted for AWS CLI v2 scripts (there is no auto-prompt)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand update-repository" -s h -l help -d 'Print help'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand login" -l tool -d 'The tool you want to connect with your repository; repeat it (or separate tools with commas) for several, configured with one token' -r -f -a "npm\t''
pnpm\t''
yarn\t'yarn 2 and later (berry), configured in .yarnrc.yml'
yarn-classic\t'yarn 1, configured in .npmrc like npm'
bun\t''
pip\t''
twine\t''
uv\t''
poetry\t''
maven\t''
gradle\t''
nuget\t''
dotnet\t''
swift\t''
cargo\t''
gem\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand login" -l domain -d 'Your CodeArtifact domain name' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand login" -l domain-owner -d 'The AWS account ID that owns your CodeArtifact domain' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand login" -l repository -d 'Your CodeArtifact repository name' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand login" -l namespace -d 'Associates a namespace (npm scope, swift scope) with your repository tool; repeat it for several scopes' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand login" -l duration-seconds -d 'The time, in seconds, that the login information is valid' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand login" -l endpoint-type -d 'The type of endpoint you want the tool to interact with' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand login" -l scope -d 'Write the user\'s configuration, or the project\'s in the current folder' -r -f -a "user\t''
project\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand login" -l export-format -d 'The syntax of --export lines' -r -f -a "shell\t'`export K=V`, for `eval` in a shell'
github\t'`K=V`, to append to `$GITHUB_ENV` in GitHub Actions'"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand login" -l endpoint-url -d 'Override the service\'s endpoint URL' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand login" -l output -d 'The output format' -r -f -a "json\t''
text\t''
table\t''
yaml\t''
yaml-stream\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand login" -l query -d 'A JMESPath query applied to the response' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand login" -l profile -d 'A profile from the AWS config and credentials files' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand login" -l region -d 'The region to use' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand login" -l color -d 'Colour in table output' -r -f -a "on\t''
off\t''
auto\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand login" -l ca-bundle -d 'A PEM bundle of CA certificates to trust' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand login" -l cli-read-timeout -d 'Socket read timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand login" -l cli-connect-timeout -d 'Socket connect timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand login" -l cli-binary-format -d 'Accepted for AWS CLI v2 scripts (no CodeArtifact parameter is an inline blob)' -r -f -a "base64\t''
raw-in-base64-out\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand login" -l extra-index -d 'pip, uv: add the repository next to the configured index instead of replacing it'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand login" -l no-token-cache -d 'Neither reuse nor keep tokens in the token cache (also CODEARTIFACT_NO_TOKEN_CACHE=1)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand login" -l dry-run -d 'Only show what would change in each file (a diff), without changing anything; every secret in it is masked unless --show-token is given'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand login" -l show-token -d 'Show tokens and passwords in --dry-run output, and in --export output on a terminal'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand login" -l export -d 'Print the environment variables a CI step needs instead of writing files; on a terminal the secrets are masked unless --show-token is given (pipe it: eval "$(codeartifact login ... --export)", or append it to $GITHUB_ENV)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand login" -l credential-provider -d 'cargo: have cargo ask `codeartifact` for tokens when it needs them (cargo\'s credential-provider protocol), so no token is written and none expires (the default)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand login" -l no-credential-provider -d 'cargo: write the token to credentials.toml instead of naming a credential provider'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand login" -l keyring -d 'pip, uv: write the index URL with the user `aws` and no password, and have the tool ask the `keyring` command (codeartifact, see `codeartifact keyring install`) for tokens'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand login" -l debug -d 'Turn on debug logging (to stderr)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand login" -l no-verify-ssl -d 'Do not verify TLS certificates'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand login" -l no-paginate -d 'Make one call only; do not aggregate pages'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand login" -l no-sign-request -d 'Send unsigned requests (no credentials are loaded)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand login" -l local -d 'Run against the local emulator (`codeartifact mock`) instead of AWS'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand login" -l yes -d 'Do not ask before destructive operations'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand login" -l no-cli-pager -d 'Accepted for AWS CLI v2 scripts (output is never paged)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand login" -l no-cli-auto-prompt -d 'Accepted for AWS CLI v2 scripts (there is no auto-prompt)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand login" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand logout" -l tool -d 'The tool whose login to remove; repeat it (or separate tools with commas) for several' -r -f -a "npm\t''
pnpm\t''
yarn\t'yarn 2 and later (berry), configured in .yarnrc.yml'
yarn-classic\t'yarn 1, configured in .npmrc like npm'
bun\t''
pip\t''
twine\t''
uv\t''
poetry\t''
maven\t''
gradle\t''
nuget\t''
dotnet\t''
swift\t''
cargo\t''
gem\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand logout" -l domain -d 'Only remove the login for this domain (with --repository)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand logout" -l repository -d 'Only remove the login for this repository (with --domain)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand logout" -l scope -d 'Remove it from the user\'s configuration, or the project\'s in the current folder' -r -f -a "user\t''
project\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand logout" -l endpoint-url -d 'Override the service\'s endpoint URL' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand logout" -l output -d 'The output format' -r -f -a "json\t''
text\t''
table\t''
yaml\t''
yaml-stream\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand logout" -l query -d 'A JMESPath query applied to the response' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand logout" -l profile -d 'A profile from the AWS config and credentials files' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand logout" -l region -d 'The region to use' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand logout" -l color -d 'Colour in table output' -r -f -a "on\t''
off\t''
auto\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand logout" -l ca-bundle -d 'A PEM bundle of CA certificates to trust' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand logout" -l cli-read-timeout -d 'Socket read timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand logout" -l cli-connect-timeout -d 'Socket connect timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand logout" -l cli-binary-format -d 'Accepted for AWS CLI v2 scripts (no CodeArtifact parameter is an inline blob)' -r -f -a "base64\t''
raw-in-base64-out\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand logout" -l dry-run -d 'Only show what would change in each file; every secret in it is masked unless --show-token is given'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand logout" -l show-token -d 'Show tokens and passwords in --dry-run output'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand logout" -l debug -d 'Turn on debug logging (to stderr)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand logout" -l no-verify-ssl -d 'Do not verify TLS certificates'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand logout" -l no-paginate -d 'Make one call only; do not aggregate pages'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand logout" -l no-sign-request -d 'Send unsigned requests (no credentials are loaded)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand logout" -l local -d 'Run against the local emulator (`codeartifact mock`) instead of AWS'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand logout" -l yes -d 'Do not ask before destructive operations'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand logout" -l no-cli-pager -d 'Accepted for AWS CLI v2 scripts (output is never paged)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand logout" -l no-cli-auto-prompt -d 'Accepted for AWS CLI v2 scripts (there is no auto-prompt)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand logout" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and not __fish_seen_subcommand_from start stop status serve help" -l endpoint-url -d 'Override the service\'s endpoint URL' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and not __fish_seen_subcommand_from start stop status serve help" -l output -d 'The output format' -r -f -a "json\t''
text\t''
table\t''
yaml\t''
yaml-stream\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and not __fish_seen_subcommand_from start stop status serve help" -l query -d 'A JMESPath query applied to the response' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and not __fish_seen_subcommand_from start stop status serve help" -l profile -d 'A profile from the AWS config and credentials files' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and not __fish_seen_subcommand_from start stop status serve help" -l region -d 'The region to use' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and not __fish_seen_subcommand_from start stop status serve help" -l color -d 'Colour in table output' -r -f -a "on\t''
off\t''
auto\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and not __fish_seen_subcommand_from start stop status serve help" -l ca-bundle -d 'A PEM bundle of CA certificates to trust' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and not __fish_seen_subcommand_from start stop status serve help" -l cli-read-timeout -d 'Socket read timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and not __fish_seen_subcommand_from start stop status serve help" -l cli-connect-timeout -d 'Socket connect timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and not __fish_seen_subcommand_from start stop status serve help" -l cli-binary-format -d 'Accepted for AWS CLI v2 scripts (no CodeArtifact parameter is an inline blob)' -r -f -a "base64\t''
raw-in-base64-out\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and not __fish_seen_subcommand_from start stop status serve help" -l debug -d 'Turn on debug logging (to stderr)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and not __fish_seen_subcommand_from start stop status serve help" -l no-verify-ssl -d 'Do not verify TLS certificates'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and not __fish_seen_subcommand_from start stop status serve help" -l no-paginate -d 'Make one call only; do not aggregate pages'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and not __fish_seen_subcommand_from start stop status serve help" -l no-sign-request -d 'Send unsigned requests (no credentials are loaded)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and not __fish_seen_subcommand_from start stop status serve help" -l local -d 'Run against the local emulator (`codeartifact mock`) instead of AWS'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and not __fish_seen_subcommand_from start stop status serve help" -l yes -d 'Do not ask before destructive operations'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and not __fish_seen_subcommand_from start stop status serve help" -l no-cli-pager -d 'Accepted for AWS CLI v2 scripts (output is never paged)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and not __fish_seen_subcommand_from start stop status serve help" -l no-cli-auto-prompt -d 'Accepted for AWS CLI v2 scripts (there is no auto-prompt)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and not __fish_seen_subcommand_from start stop status serve help" -s h -l help -d 'Print help'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and not __fish_seen_subcommand_from start stop status serve help" -f -a "start" -d 'Start the emulator in the background; prints its URL once it serves'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and not __fish_seen_subcommand_from start stop status serve help" -f -a "stop" -d 'Stop the emulator serving the address (or --data-dir), waiting until it has closed its data'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and not __fish_seen_subcommand_from start stop status serve help" -f -a "status" -d 'Show the emulator serving the address (or --data-dir): URL, data dir, pid, log'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and not __fish_seen_subcommand_from start stop status serve help" -f -a "serve" -d 'Serve the CodeArtifact API and repositories on a local port, in the foreground'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and not __fish_seen_subcommand_from start stop status serve help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from start" -l listen -d 'Address to listen on; port 0 picks a free port (the default port stays the same across restarts, so URLs written by login keep working)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from start" -l data-dir -d 'Where state is kept [default: $XDG_DATA_HOME/codeartifact/mock]' -r -F
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from start" -l account-id -d 'The emulated AWS account, owner of every domain' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from start" -l region -d 'The region of requests that name none in their signature (unsigned ones); signed requests are answered in their own region, as the service\'s regional endpoints do' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from start" -l public-url -d 'Base URL for repository endpoints, when clients reach the mock through a proxy' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from start" -l external-connection -d 'Serve an external connection (public:npmjs, public:pypi, public:maven-central...) from URL; repeat for several' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from start" -l max-asset-bytes -d 'Refuse assets larger than this (the service\'s quota is 5 GB); lower it to test how a pipeline handles the refusal' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from start" -l max-connections -d 'Serve at most N connections at once; more wait until one closes' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from start" -l client-timeout -d 'Close a connection whose client sends nothing (request headers, the next request, body data) or reads nothing of its response for this long' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from start" -l min-token-duration -d 'Accept a durationSeconds this small (the service\'s minimum is 900); lower it to test token expiry in seconds' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from start" -l max-token-duration -d 'Issue no token that lives longer than this, whatever the caller asks (as a short role session does)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from start" -l endpoint-url -d 'Override the service\'s endpoint URL' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from start" -l output -d 'The output format' -r -f -a "json\t''
text\t''
table\t''
yaml\t''
yaml-stream\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from start" -l query -d 'A JMESPath query applied to the response' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from start" -l profile -d 'A profile from the AWS config and credentials files' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from start" -l color -d 'Colour in table output' -r -f -a "on\t''
off\t''
auto\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from start" -l ca-bundle -d 'A PEM bundle of CA certificates to trust' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from start" -l cli-read-timeout -d 'Socket read timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from start" -l cli-connect-timeout -d 'Socket connect timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from start" -l cli-binary-format -d 'Accepted for AWS CLI v2 scripts (no CodeArtifact parameter is an inline blob)' -r -f -a "base64\t''
raw-in-base64-out\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from start" -l deterministic -d 'Frozen clock and counter-based ids, for byte-for-byte comparisons in tests'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from start" -s v -l verbose -d 'Log one line per request on stderr (also with CODEARTIFACT_MOCK_LOG=1)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from start" -l debug -d 'Turn on debug logging (to stderr)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from start" -l no-verify-ssl -d 'Do not verify TLS certificates'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from start" -l no-paginate -d 'Make one call only; do not aggregate pages'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from start" -l no-sign-request -d 'Send unsigned requests (no credentials are loaded)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from start" -l local -d 'Run against the local emulator (`codeartifact mock`) instead of AWS'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from start" -l yes -d 'Do not ask before destructive operations'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from start" -l no-cli-pager -d 'Accepted for AWS CLI v2 scripts (output is never paged)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from start" -l no-cli-auto-prompt -d 'Accepted for AWS CLI v2 scripts (there is no auto-prompt)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from start" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from stop" -l listen -d 'Address to listen on; port 0 picks a free port (the default port stays the same across restarts, so URLs written by login keep working)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from stop" -l data-dir -d 'Where state is kept [default: $XDG_DATA_HOME/codeartifact/mock]' -r -F
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from stop" -l endpoint-url -d 'Override the service\'s endpoint URL' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from stop" -l output -d 'The output format' -r -f -a "json\t''
text\t''
table\t''
yaml\t''
yaml-stream\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from stop" -l query -d 'A JMESPath query applied to the response' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from stop" -l profile -d 'A profile from the AWS config and credentials files' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from stop" -l region -d 'The region to use' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from stop" -l color -d 'Colour in table output' -r -f -a "on\t''
off\t''
auto\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from stop" -l ca-bundle -d 'A PEM bundle of CA certificates to trust' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from stop" -l cli-read-timeout -d 'Socket read timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from stop" -l cli-connect-timeout -d 'Socket connect timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from stop" -l cli-binary-format -d 'Accepted for AWS CLI v2 scripts (no CodeArtifact parameter is an inline blob)' -r -f -a "base64\t''
raw-in-base64-out\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from stop" -l debug -d 'Turn on debug logging (to stderr)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from stop" -l no-verify-ssl -d 'Do not verify TLS certificates'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from stop" -l no-paginate -d 'Make one call only; do not aggregate pages'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from stop" -l no-sign-request -d 'Send unsigned requests (no credentials are loaded)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from stop" -l local -d 'Run against the local emulator (`codeartifact mock`) instead of AWS'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from stop" -l yes -d 'Do not ask before destructive operations'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from stop" -l no-cli-pager -d 'Accepted for AWS CLI v2 scripts (output is never paged)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from stop" -l no-cli-auto-prompt -d 'Accepted for AWS CLI v2 scripts (there is no auto-prompt)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from stop" -s h -l help -d 'Print help'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from status" -l listen -d 'Address to listen on; port 0 picks a free port (the default port stays the same across restarts, so URLs written by login keep working)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from status" -l data-dir -d 'Where state is kept [default: $XDG_DATA_HOME/codeartifact/mock]' -r -F
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from status" -l endpoint-url -d 'Override the service\'s endpoint URL' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from status" -l output -d 'The output format' -r -f -a "json\t''
text\t''
table\t''
yaml\t''
yaml-stream\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from status" -l query -d 'A JMESPath query applied to the response' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from status" -l profile -d 'A profile from the AWS config and credentials files' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from status" -l region -d 'The region to use' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from status" -l color -d 'Colour in table output' -r -f -a "on\t''
off\t''
auto\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from status" -l ca-bundle -d 'A PEM bundle of CA certificates to trust' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from status" -l cli-read-timeout -d 'Socket read timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from status" -l cli-connect-timeout -d 'Socket connect timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from status" -l cli-binary-format -d 'Accepted for AWS CLI v2 scripts (no CodeArtifact parameter is an inline blob)' -r -f -a "base64\t''
raw-in-base64-out\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from status" -l debug -d 'Turn on debug logging (to stderr)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from status" -l no-verify-ssl -d 'Do not verify TLS certificates'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from status" -l no-paginate -d 'Make one call only; do not aggregate pages'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from status" -l no-sign-request -d 'Send unsigned requests (no credentials are loaded)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from status" -l local -d 'Run against the local emulator (`codeartifact mock`) instead of AWS'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from status" -l yes -d 'Do not ask before destructive operations'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from status" -l no-cli-pager -d 'Accepted for AWS CLI v2 scripts (output is never paged)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from status" -l no-cli-auto-prompt -d 'Accepted for AWS CLI v2 scripts (there is no auto-prompt)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from serve" -l listen -d 'Address to listen on; port 0 picks a free port (the default port stays the same across restarts, so URLs written by login keep working)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from serve" -l data-dir -d 'Where state is kept [default: $XDG_DATA_HOME/codeartifact/mock]' -r -F
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from serve" -l account-id -d 'The emulated AWS account, owner of every domain' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from serve" -l region -d 'The region of requests that name none in their signature (unsigned ones); signed requests are answered in their own region, as the service\'s regional endpoints do' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from serve" -l public-url -d 'Base URL for repository endpoints, when clients reach the mock through a proxy' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from serve" -l external-connection -d 'Serve an external connection (public:npmjs, public:pypi, public:maven-central...) from URL; repeat for several' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from serve" -l max-asset-bytes -d 'Refuse assets larger than this (the service\'s quota is 5 GB); lower it to test how a pipeline handles the refusal' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from serve" -l max-connections -d 'Serve at most N connections at once; more wait until one closes' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from serve" -l client-timeout -d 'Close a connection whose client sends nothing (request headers, the next request, body data) or reads nothing of its response for this long' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from serve" -l min-token-duration -d 'Accept a durationSeconds this small (the service\'s minimum is 900); lower it to test token expiry in seconds' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from serve" -l max-token-duration -d 'Issue no token that lives longer than this, whatever the caller asks (as a short role session does)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from serve" -l endpoint-url -d 'Override the service\'s endpoint URL' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from serve" -l output -d 'The output format' -r -f -a "json\t''
text\t''
table\t''
yaml\t''
yaml-stream\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from serve" -l query -d 'A JMESPath query applied to the response' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from serve" -l profile -d 'A profile from the AWS config and credentials files' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from serve" -l color -d 'Colour in table output' -r -f -a "on\t''
off\t''
auto\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from serve" -l ca-bundle -d 'A PEM bundle of CA certificates to trust' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from serve" -l cli-read-timeout -d 'Socket read timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from serve" -l cli-connect-timeout -d 'Socket connect timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from serve" -l cli-binary-format -d 'Accepted for AWS CLI v2 scripts (no CodeArtifact parameter is an inline blob)' -r -f -a "base64\t''
raw-in-base64-out\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from serve" -l deterministic -d 'Frozen clock and counter-based ids, for byte-for-byte comparisons in tests'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from serve" -s v -l verbose -d 'Log one line per request on stderr (also with CODEARTIFACT_MOCK_LOG=1)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from serve" -l debug -d 'Turn on debug logging (to stderr)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from serve" -l no-verify-ssl -d 'Do not verify TLS certificates'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from serve" -l no-paginate -d 'Make one call only; do not aggregate pages'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from serve" -l no-sign-request -d 'Send unsigned requests (no credentials are loaded)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from serve" -l local -d 'Run against the local emulator (`codeartifact mock`) instead of AWS'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from serve" -l yes -d 'Do not ask before destructive operations'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from serve" -l no-cli-pager -d 'Accepted for AWS CLI v2 scripts (output is never paged)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from serve" -l no-cli-auto-prompt -d 'Accepted for AWS CLI v2 scripts (there is no auto-prompt)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from serve" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from help" -f -a "start" -d 'Start the emulator in the background; prints its URL once it serves'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from help" -f -a "stop" -d 'Stop the emulator serving the address (or --data-dir), waiting until it has closed its data'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from help" -f -a "status" -d 'Show the emulator serving the address (or --data-dir): URL, data dir, pid, log'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from help" -f -a "serve" -d 'Serve the CodeArtifact API and repositories on a local port, in the foreground'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand mock; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand exec" -l tool -d 'The tool you want to connect with your repository; repeat it (or separate tools with commas) for several, configured with one token' -r -f -a "npm\t''
pnpm\t''
yarn\t'yarn 2 and later (berry), configured in .yarnrc.yml'
yarn-classic\t'yarn 1, configured in .npmrc like npm'
bun\t''
pip\t''
twine\t''
uv\t''
poetry\t''
maven\t''
gradle\t''
nuget\t''
dotnet\t''
swift\t''
cargo\t''
gem\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand exec" -l domain -d 'Your CodeArtifact domain name' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand exec" -l domain-owner -d 'The AWS account ID that owns your CodeArtifact domain' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand exec" -l repository -d 'Your CodeArtifact repository name' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand exec" -l namespace -d 'Associates a namespace (npm scope, swift scope) with your repository tool; repeat it for several scopes' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand exec" -l duration-seconds -d 'The time, in seconds, that the login information is valid' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand exec" -l endpoint-type -d 'The type of endpoint you want the tool to interact with' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand exec" -l endpoint-url -d 'Override the service\'s endpoint URL' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand exec" -l output -d 'The output format' -r -f -a "json\t''
text\t''
table\t''
yaml\t''
yaml-stream\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand exec" -l query -d 'A JMESPath query applied to the response' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand exec" -l profile -d 'A profile from the AWS config and credentials files' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand exec" -l region -d 'The region to use' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand exec" -l color -d 'Colour in table output' -r -f -a "on\t''
off\t''
auto\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand exec" -l ca-bundle -d 'A PEM bundle of CA certificates to trust' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand exec" -l cli-read-timeout -d 'Socket read timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand exec" -l cli-connect-timeout -d 'Socket connect timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand exec" -l cli-binary-format -d 'Accepted for AWS CLI v2 scripts (no CodeArtifact parameter is an inline blob)' -r -f -a "base64\t''
raw-in-base64-out\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand exec" -l extra-index -d 'pip, uv: add the repository next to the configured index instead of replacing it'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand exec" -l no-token-cache -d 'Neither reuse nor keep tokens in the token cache (also CODEARTIFACT_NO_TOKEN_CACHE=1)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand exec" -l debug -d 'Turn on debug logging (to stderr)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand exec" -l no-verify-ssl -d 'Do not verify TLS certificates'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand exec" -l no-paginate -d 'Make one call only; do not aggregate pages'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand exec" -l no-sign-request -d 'Send unsigned requests (no credentials are loaded)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand exec" -l local -d 'Run against the local emulator (`codeartifact mock`) instead of AWS'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand exec" -l yes -d 'Do not ask before destructive operations'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand exec" -l no-cli-pager -d 'Accepted for AWS CLI v2 scripts (output is never paged)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand exec" -l no-cli-auto-prompt -d 'Accepted for AWS CLI v2 scripts (there is no auto-prompt)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand exec" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand keyring; and not __fish_seen_subcommand_from install help" -l endpoint-url -d 'Override the service\'s endpoint URL' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand keyring; and not __fish_seen_subcommand_from install help" -l output -d 'The output format' -r -f -a "json\t''
text\t''
table\t''
yaml\t''
yaml-stream\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand keyring; and not __fish_seen_subcommand_from install help" -l query -d 'A JMESPath query applied to the response' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand keyring; and not __fish_seen_subcommand_from install help" -l profile -d 'A profile from the AWS config and credentials files' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand keyring; and not __fish_seen_subcommand_from install help" -l region -d 'The region to use' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand keyring; and not __fish_seen_subcommand_from install help" -l color -d 'Colour in table output' -r -f -a "on\t''
off\t''
auto\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand keyring; and not __fish_seen_subcommand_from install help" -l ca-bundle -d 'A PEM bundle of CA certificates to trust' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand keyring; and not __fish_seen_subcommand_from install help" -l cli-read-timeout -d 'Socket read timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand keyring; and not __fish_seen_subcommand_from install help" -l cli-connect-timeout -d 'Socket connect timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand keyring; and not __fish_seen_subcommand_from install help" -l cli-binary-format -d 'Accepted for AWS CLI v2 scripts (no CodeArtifact parameter is an inline blob)' -r -f -a "base64\t''
raw-in-base64-out\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand keyring; and not __fish_seen_subcommand_from install help" -l debug -d 'Turn on debug logging (to stderr)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand keyring; and not __fish_seen_subcommand_from install help" -l no-verify-ssl -d 'Do not verify TLS certificates'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand keyring; and not __fish_seen_subcommand_from install help" -l no-paginate -d 'Make one call only; do not aggregate pages'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand keyring; and not __fish_seen_subcommand_from install help" -l no-sign-request -d 'Send unsigned requests (no credentials are loaded)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand keyring; and not __fish_seen_subcommand_from install help" -l local -d 'Run against the local emulator (`codeartifact mock`) instead of AWS'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand keyring; and not __fish_seen_subcommand_from install help" -l yes -d 'Do not ask before destructive operations'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand keyring; and not __fish_seen_subcommand_from install help" -l no-cli-pager -d 'Accepted for AWS CLI v2 scripts (output is never paged)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand keyring; and not __fish_seen_subcommand_from install help" -l no-cli-auto-prompt -d 'Accepted for AWS CLI v2 scripts (there is no auto-prompt)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand keyring; and not __fish_seen_subcommand_from install help" -s h -l help -d 'Print help'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand keyring; and not __fish_seen_subcommand_from install help" -f -a "install" -d 'Link `keyring` to codeartifact in a folder on PATH, for pip and uv (never replacing another keyring)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand keyring; and not __fish_seen_subcommand_from install help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand keyring; and __fish_seen_subcommand_from install" -l dir -d 'The folder for the link [default: ~/.local/bin when it is on PATH, else the first folder of yours on PATH]' -r -F
complete -c codeartifact -n "__fish_codeartifact_using_subcommand keyring; and __fish_seen_subcommand_from install" -l endpoint-url -d 'Override the service\'s endpoint URL' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand keyring; and __fish_seen_subcommand_from install" -l output -d 'The output format' -r -f -a "json\t''
text\t''
table\t''
yaml\t''
yaml-stream\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand keyring; and __fish_seen_subcommand_from install" -l query -d 'A JMESPath query applied to the response' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand keyring; and __fish_seen_subcommand_from install" -l profile -d 'A profile from the AWS config and credentials files' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand keyring; and __fish_seen_subcommand_from install" -l region -d 'The region to use' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand keyring; and __fish_seen_subcommand_from install" -l color -d 'Colour in table output' -r -f -a "on\t''
off\t''
auto\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand keyring; and __fish_seen_subcommand_from install" -l ca-bundle -d 'A PEM bundle of CA certificates to trust' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand keyring; and __fish_seen_subcommand_from install" -l cli-read-timeout -d 'Socket read timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand keyring; and __fish_seen_subcommand_from install" -l cli-connect-timeout -d 'Socket connect timeout in seconds (0: none)' -r
complete -c codeartifact -n "__fish_codeartifact_using_subcommand keyring; and __fish_seen_subcommand_from install" -l cli-binary-format -d 'Accepted for AWS CLI v2 scripts (no CodeArtifact parameter is an inline blob)' -r -f -a "base64\t''
raw-in-base64-out\t''"
complete -c codeartifact -n "__fish_codeartifact_using_subcommand keyring; and __fish_seen_subcommand_from install" -l debug -d 'Turn on debug logging (to stderr)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand keyring; and __fish_seen_subcommand_from install" -l no-verify-ssl -d 'Do not verify TLS certificates'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand keyring; and __fish_seen_subcommand_from install" -l no-paginate -d 'Make one call only; do not aggregate pages'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand keyring; and __fish_seen_subcommand_from install" -l no-sign-request -d 'Send unsigned requests (no credentials are loaded)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand keyring; and __fish_seen_subcommand_from install" -l local -d 'Run against the local emulator (`codeartifact mock`) instead of AWS'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand keyring; and __fish_seen_subcommand_from install" -l yes -d 'Do not ask before destructive operations'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand keyring; and __fish_seen_subcommand_from install" -l no-cli-pager -d 'Accepted for AWS CLI v2 scripts (output is never paged)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand keyring; and __fish_seen_subcommand_from install" -l no-cli-auto-prompt -d 'Accepted for AWS CLI v2 scripts (there is no auto-prompt)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand keyring; and __fish_seen_subcommand_from install" -s h -l help -d 'Print help'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand keyring; and __fish_seen_subcommand_from help" -f -a "install" -d 'Link `keyring` to codeartifact in a folder on PATH, for pip and uv (never replacing another keyring)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand keyring; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand help; and not __fish_seen_subcommand_from associate-external-connection copy-package-versions create-domain create-package-group create-repository delete-domain delete-domain-permissions-policy delete-package delete-package-group delete-package-versions delete-repository delete-repository-permissions-policy describe-domain describe-package describe-package-group describe-package-version describe-repository disassociate-external-connection dispose-package-versions get-associated-package-group get-authorization-token get-domain-permissions-policy get-package-version-asset get-package-version-readme get-repository-endpoint get-repository-permissions-policy list-allowed-repositories-for-group list-associated-packages list-domains list-package-groups list-package-version-assets list-package-version-dependencies list-package-versions list-packages list-repositories list-repositories-in-domain list-sub-package-groups list-tags-for-resource publish-package-version put-domain-permissions-policy put-package-origin-configuration put-repository-permissions-policy tag-resource untag-resource update-package-group update-package-group-origin-configuration update-package-versions-status update-repository login logout mock exec keyring help" -f -a "associate-external-connection" -d 'Adds an existing external connection to a repository.'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand help; and not __fish_seen_subcommand_from associate-external-connection copy-package-versions create-domain create-package-group create-repository delete-domain delete-domain-permissions-policy delete-package delete-package-group delete-package-versions delete-repository delete-repository-permissions-policy describe-domain describe-package describe-package-group describe-package-version describe-repository disassociate-external-connection dispose-package-versions get-associated-package-group get-authorization-token get-domain-permissions-policy get-package-version-asset get-package-version-readme get-repository-endpoint get-repository-permissions-policy list-allowed-repositories-for-group list-associated-packages list-domains list-package-groups list-package-version-assets list-package-version-dependencies list-package-versions list-packages list-repositories list-repositories-in-domain list-sub-package-groups list-tags-for-resource publish-package-version put-domain-permissions-policy put-package-origin-configuration put-repository-permissions-policy tag-resource untag-resource update-package-group update-package-group-origin-configuration update-package-versions-status update-repository login logout mock exec keyring help" -f -a "copy-package-versions" -d 'Copies package versions from one repository to another repository in the same domain.'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand help; and not __fish_seen_subcommand_from associate-external-connection copy-package-versions create-domain create-package-group create-repository delete-domain delete-domain-permissions-policy delete-package delete-package-group delete-package-versions delete-repository delete-repository-permissions-policy describe-domain describe-package describe-package-group describe-package-version describe-repository disassociate-external-connection dispose-package-versions get-associated-package-group get-authorization-token get-domain-permissions-policy get-package-version-asset get-package-version-readme get-repository-endpoint get-repository-permissions-policy list-allowed-repositories-for-group list-associated-packages list-domains list-package-groups list-package-version-assets list-package-version-dependencies list-package-versions list-packages list-repositories list-repositories-in-domain list-sub-package-groups list-tags-for-resource publish-package-version put-domain-permissions-policy put-package-origin-configuration put-repository-permissions-policy tag-resource untag-resource update-package-group update-package-group-origin-configuration update-package-versions-status update-repository login logout mock exec keyring help" -f -a "create-domain" -d 'Creates a domain.'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand help; and not __fish_seen_subcommand_from associate-external-connection copy-package-versions create-domain create-package-group create-repository delete-domain delete-domain-permissions-policy delete-package delete-package-group delete-package-versions delete-repository delete-repository-permissions-policy describe-domain describe-package describe-package-group describe-package-version describe-repository disassociate-external-connection dispose-package-versions get-associated-package-group get-authorization-token get-domain-permissions-policy get-package-version-asset get-package-version-readme get-repository-endpoint get-repository-permissions-policy list-allowed-repositories-for-group list-associated-packages list-domains list-package-groups list-package-version-assets list-package-version-dependencies list-package-versions list-packages list-repositories list-repositories-in-domain list-sub-package-groups list-tags-for-resource publish-package-version put-domain-permissions-policy put-package-origin-configuration put-repository-permissions-policy tag-resource untag-resource update-package-group update-package-group-origin-configuration update-package-versions-status update-repository login logout mock exec keyring help" -f -a "create-package-group" -d 'Creates a package group.'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand help; and not __fish_seen_subcommand_from associate-external-connection copy-package-versions create-domain create-package-group create-repository delete-domain delete-domain-permissions-policy delete-package delete-package-group delete-package-versions delete-repository delete-repository-permissions-policy describe-domain describe-package describe-package-group describe-package-version describe-repository disassociate-external-connection dispose-package-versions get-associated-package-group get-authorization-token get-domain-permissions-policy get-package-version-asset get-package-version-readme get-repository-endpoint get-repository-permissions-policy list-allowed-repositories-for-group list-associated-packages list-domains list-package-groups list-package-version-assets list-package-version-dependencies list-package-versions list-packages list-repositories list-repositories-in-domain list-sub-package-groups list-tags-for-resource publish-package-version put-domain-permissions-policy put-package-origin-configuration put-repository-permissions-policy tag-resource untag-resource update-package-group update-package-group-origin-configuration update-package-versions-status update-repository login logout mock exec keyring help" -f -a "create-repository" -d 'Creates a repository.'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand help; and not __fish_seen_subcommand_from associate-external-connection copy-package-versions create-domain create-package-group create-repository delete-domain delete-domain-permissions-policy delete-package delete-package-group delete-package-versions delete-repository delete-repository-permissions-policy describe-domain describe-package describe-package-group describe-package-version describe-repository disassociate-external-connection dispose-package-versions get-associated-package-group get-authorization-token get-domain-permissions-policy get-package-version-asset get-package-version-readme get-repository-endpoint get-repository-permissions-policy list-allowed-repositories-for-group list-associated-packages list-domains list-package-groups list-package-version-assets list-package-version-dependencies list-package-versions list-packages list-repositories list-repositories-in-domain list-sub-package-groups list-tags-for-resource publish-package-version put-domain-permissions-policy put-package-origin-configuration put-repository-permissions-policy tag-resource untag-resource update-package-group update-package-group-origin-configuration update-package-versions-status update-repository login logout mock exec keyring help" -f -a "delete-domain" -d 'Deletes a domain.'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand help; and not __fish_seen_subcommand_from associate-external-connection copy-package-versions create-domain create-package-group create-repository delete-domain delete-domain-permissions-policy delete-package delete-package-group delete-package-versions delete-repository delete-repository-permissions-policy describe-domain describe-package describe-package-group describe-package-version describe-repository disassociate-external-connection dispose-package-versions get-associated-package-group get-authorization-token get-domain-permissions-policy get-package-version-asset get-package-version-readme get-repository-endpoint get-repository-permissions-policy list-allowed-repositories-for-group list-associated-packages list-domains list-package-groups list-package-version-assets list-package-version-dependencies list-package-versions list-packages list-repositories list-repositories-in-domain list-sub-package-groups list-tags-for-resource publish-package-version put-domain-permissions-policy put-package-origin-configuration put-repository-permissions-policy tag-resource untag-resource update-package-group update-package-group-origin-configuration update-package-versions-status update-repository login logout mock exec keyring help" -f -a "delete-domain-permissions-policy" -d 'Deletes the resource policy set on a domain.'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand help; and not __fish_seen_subcommand_from associate-external-connection copy-package-versions create-domain create-package-group create-repository delete-domain delete-domain-permissions-policy delete-package delete-package-group delete-package-versions delete-repository delete-repository-permissions-policy describe-domain describe-package describe-package-group describe-package-version describe-repository disassociate-external-connection dispose-package-versions get-associated-package-group get-authorization-token get-domain-permissions-policy get-package-version-asset get-package-version-readme get-repository-endpoint get-repository-permissions-policy list-allowed-repositories-for-group list-associated-packages list-domains list-package-groups list-package-version-assets list-package-version-dependencies list-package-versions list-packages list-repositories list-repositories-in-domain list-sub-package-groups list-tags-for-resource publish-package-version put-domain-permissions-policy put-package-origin-configuration put-repository-permissions-policy tag-resource untag-resource update-package-group update-package-group-origin-configuration update-package-versions-status update-repository login logout mock exec keyring help" -f -a "delete-package" -d 'Deletes a package and all associated package versions.'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand help; and not __fish_seen_subcommand_from associate-external-connection copy-package-versions create-domain create-package-group create-repository delete-domain delete-domain-permissions-policy delete-package delete-package-group delete-package-versions delete-repository delete-repository-permissions-policy describe-domain describe-package describe-package-group describe-package-version describe-repository disassociate-external-connection dispose-package-versions get-associated-package-group get-authorization-token get-domain-permissions-policy get-package-version-asset get-package-version-readme get-repository-endpoint get-repository-permissions-policy list-allowed-repositories-for-group list-associated-packages list-domains list-package-groups list-package-version-assets list-package-version-dependencies list-package-versions list-packages list-repositories list-repositories-in-domain list-sub-package-groups list-tags-for-resource publish-package-version put-domain-permissions-policy put-package-origin-configuration put-repository-permissions-policy tag-resource untag-resource update-package-group update-package-group-origin-configuration update-package-versions-status update-repository login logout mock exec keyring help" -f -a "delete-package-group" -d 'Deletes a package group.'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand help; and not __fish_seen_subcommand_from associate-external-connection copy-package-versions create-domain create-package-group create-repository delete-domain delete-domain-permissions-policy delete-package delete-package-group delete-package-versions delete-repository delete-repository-permissions-policy describe-domain describe-package describe-package-group describe-package-version describe-repository disassociate-external-connection dispose-package-versions get-associated-package-group get-authorization-token get-domain-permissions-policy get-package-version-asset get-package-version-readme get-repository-endpoint get-repository-permissions-policy list-allowed-repositories-for-group list-associated-packages list-domains list-package-groups list-package-version-assets list-package-version-dependencies list-package-versions list-packages list-repositories list-repositories-in-domain list-sub-package-groups list-tags-for-resource publish-package-version put-domain-permissions-policy put-package-origin-configuration put-repository-permissions-policy tag-resource untag-resource update-package-group update-package-group-origin-configuration update-package-versions-status update-repository login logout mock exec keyring help" -f -a "delete-package-versions" -d 'Deletes one or more versions of a package.'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand help; and not __fish_seen_subcommand_from associate-external-connection copy-package-versions create-domain create-package-group create-repository delete-domain delete-domain-permissions-policy delete-package delete-package-group delete-package-versions delete-repository delete-repository-permissions-policy describe-domain describe-package describe-package-group describe-package-version describe-repository disassociate-external-connection dispose-package-versions get-associated-package-group get-authorization-token get-domain-permissions-policy get-package-version-asset get-package-version-readme get-repository-endpoint get-repository-permissions-policy list-allowed-repositories-for-group list-associated-packages list-domains list-package-groups list-package-version-assets list-package-version-dependencies list-package-versions list-packages list-repositories list-repositories-in-domain list-sub-package-groups list-tags-for-resource publish-package-version put-domain-permissions-policy put-package-origin-configuration put-repository-permissions-policy tag-resource untag-resource update-package-group update-package-group-origin-configuration update-package-versions-status update-repository login logout mock exec keyring help" -f -a "delete-repository" -d 'Deletes a repository.'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand help; and not __fish_seen_subcommand_from associate-external-connection copy-package-versions create-domain create-package-group create-repository delete-domain delete-domain-permissions-policy delete-package delete-package-group delete-package-versions delete-repository delete-repository-permissions-policy describe-domain describe-package describe-package-group describe-package-version describe-repository disassociate-external-connection dispose-package-versions get-associated-package-group get-authorization-token get-domain-permissions-policy get-package-version-asset get-package-version-readme get-repository-endpoint get-repository-permissions-policy list-allowed-repositories-for-group list-associated-packages list-domains list-package-groups list-package-version-assets list-package-version-dependencies list-package-versions list-packages list-repositories list-repositories-in-domain list-sub-package-groups list-tags-for-resource publish-package-version put-domain-permissions-policy put-package-origin-configuration put-repository-permissions-policy tag-resource untag-resource update-package-group update-package-group-origin-configuration update-package-versions-status update-repository login logout mock exec keyring help" -f -a "delete-repository-permissions-policy" -d 'Deletes the resource policy that is set on a repository.'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand help; and not __fish_seen_subcommand_from associate-external-connection copy-package-versions create-domain create-package-group create-repository delete-domain delete-domain-permissions-policy delete-package delete-package-group delete-package-versions delete-repository delete-repository-permissions-policy describe-domain describe-package describe-package-group describe-package-version describe-repository disassociate-external-connection dispose-package-versions get-associated-package-group get-authorization-token get-domain-permissions-policy get-package-version-asset get-package-version-readme get-repository-endpoint get-repository-permissions-policy list-allowed-repositories-for-group list-associated-packages list-domains list-package-groups list-package-version-assets list-package-version-dependencies list-package-versions list-packages list-repositories list-repositories-in-domain list-sub-package-groups list-tags-for-resource publish-package-version put-domain-permissions-policy put-package-origin-configuration put-repository-permissions-policy tag-resource untag-resource update-package-group update-package-group-origin-configuration update-package-versions-status update-repository login logout mock exec keyring help" -f -a "describe-domain" -d 'Returns a DomainDescription object that contains information about the requested domain.'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand help; and not __fish_seen_subcommand_from associate-external-connection copy-package-versions create-domain create-package-group create-repository delete-domain delete-domain-permissions-policy delete-package delete-package-group delete-package-versions delete-repository delete-repository-permissions-policy describe-domain describe-package describe-package-group describe-package-version describe-repository disassociate-external-connection dispose-package-versions get-associated-package-group get-authorization-token get-domain-permissions-policy get-package-version-asset get-package-version-readme get-repository-endpoint get-repository-permissions-policy list-allowed-repositories-for-group list-associated-packages list-domains list-package-groups list-package-version-assets list-package-version-dependencies list-package-versions list-packages list-repositories list-repositories-in-domain list-sub-package-groups list-tags-for-resource publish-package-version put-domain-permissions-policy put-package-origin-configuration put-repository-permissions-policy tag-resource untag-resource update-package-group update-package-group-origin-configuration update-package-versions-status update-repository login logout mock exec keyring help" -f -a "describe-package" -d 'Returns a PackageDescription object that contains information about the requested package.'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand help; and not __fish_seen_subcommand_from associate-external-connection copy-package-versions create-domain create-package-group create-repository delete-domain delete-domain-permissions-policy delete-package delete-package-group delete-package-versions delete-repository delete-repository-permissions-policy describe-domain describe-package describe-package-group describe-package-version describe-repository disassociate-external-connection dispose-package-versions get-associated-package-group get-authorization-token get-domain-permissions-policy get-package-version-asset get-package-version-readme get-repository-endpoint get-repository-permissions-policy list-allowed-repositories-for-group list-associated-packages list-domains list-package-groups list-package-version-assets list-package-version-dependencies list-package-versions list-packages list-repositories list-repositories-in-domain list-sub-package-groups list-tags-for-resource publish-package-version put-domain-permissions-policy put-package-origin-configuration put-repository-permissions-policy tag-resource untag-resource update-package-group update-package-group-origin-configuration update-package-versions-status update-repository login logout mock exec keyring help" -f -a "describe-package-group" -d 'Returns a PackageGroupDescription object that contains information about the requested package group.'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand help; and not __fish_seen_subcommand_from associate-external-connection copy-package-versions create-domain create-package-group create-repository delete-domain delete-domain-permissions-policy delete-package delete-package-group delete-package-versions delete-repository delete-repository-permissions-policy describe-domain describe-package describe-package-group describe-package-version describe-repository disassociate-external-connection dispose-package-versions get-associated-package-group get-authorization-token get-domain-permissions-policy get-package-version-asset get-package-version-readme get-repository-endpoint get-repository-permissions-policy list-allowed-repositories-for-group list-associated-packages list-domains list-package-groups list-package-version-assets list-package-version-dependencies list-package-versions list-packages list-repositories list-repositories-in-domain list-sub-package-groups list-tags-for-resource publish-package-version put-domain-permissions-policy put-package-origin-configuration put-repository-permissions-policy tag-resource untag-resource update-package-group update-package-group-origin-configuration update-package-versions-status update-repository login logout mock exec keyring help" -f -a "describe-package-version" -d 'Returns a PackageVersionDescription object that contains information about the requested package version.'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand help; and not __fish_seen_subcommand_from associate-external-connection copy-package-versions create-domain create-package-group create-repository delete-domain delete-domain-permissions-policy delete-package delete-package-group delete-package-versions delete-repository delete-repository-permissions-policy describe-domain describe-package describe-package-group describe-package-version describe-repository disassociate-external-connection dispose-package-versions get-associated-package-group get-authorization-token get-domain-permissions-policy get-package-version-asset get-package-version-readme get-repository-endpoint get-repository-permissions-policy list-allowed-repositories-for-group list-associated-packages list-domains list-package-groups list-package-version-assets list-package-version-dependencies list-package-versions list-packages list-repositories list-repositories-in-domain list-sub-package-groups list-tags-for-resource publish-package-version put-domain-permissions-policy put-package-origin-configuration put-repository-permissions-policy tag-resource untag-resource update-package-group update-package-group-origin-configuration update-package-versions-status update-repository login logout mock exec keyring help" -f -a "describe-repository" -d 'Returns a RepositoryDescription object that contains detailed information about the requested repository.'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand help; and not __fish_seen_subcommand_from associate-external-connection copy-package-versions create-domain create-package-group create-repository delete-domain delete-domain-permissions-policy delete-package delete-package-group delete-package-versions delete-repository delete-repository-permissions-policy describe-domain describe-package describe-package-group describe-package-version describe-repository disassociate-external-connection dispose-package-versions get-associated-package-group get-authorization-token get-domain-permissions-policy get-package-version-asset get-package-version-readme get-repository-endpoint get-repository-permissions-policy list-allowed-repositories-for-group list-associated-packages list-domains list-package-groups list-package-version-assets list-package-version-dependencies list-package-versions list-packages list-repositories list-repositories-in-domain list-sub-package-groups list-tags-for-resource publish-package-version put-domain-permissions-policy put-package-origin-configuration put-repository-permissions-policy tag-resource untag-resource update-package-group update-package-group-origin-configuration update-package-versions-status update-repository login logout mock exec keyring help" -f -a "disassociate-external-connection" -d 'Removes an existing external connection from a repository.'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand help; and not __fish_seen_subcommand_from associate-external-connection copy-package-versions create-domain create-package-group create-repository delete-domain delete-domain-permissions-policy delete-package delete-package-group delete-package-versions delete-repository delete-repository-permissions-policy describe-domain describe-package describe-package-group describe-package-version describe-repository disassociate-external-connection dispose-package-versions get-associated-package-group get-authorization-token get-domain-permissions-policy get-package-version-asset get-package-version-readme get-repository-endpoint get-repository-permissions-policy list-allowed-repositories-for-group list-associated-packages list-domains list-package-groups list-package-version-assets list-package-version-dependencies list-package-versions list-packages list-repositories list-repositories-in-domain list-sub-package-groups list-tags-for-resource publish-package-version put-domain-permissions-policy put-package-origin-configuration put-repository-permissions-policy tag-resource untag-resource update-package-group update-package-group-origin-configuration update-package-versions-status update-repository login logout mock exec keyring help" -f -a "dispose-package-versions" -d 'Deletes the assets in package versions and sets the package versions\' status to Disposed.'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand help; and not __fish_seen_subcommand_from associate-external-connection copy-package-versions create-domain create-package-group create-repository delete-domain delete-domain-permissions-policy delete-package delete-package-group delete-package-versions delete-repository delete-repository-permissions-policy describe-domain describe-package describe-package-group describe-package-version describe-repository disassociate-external-connection dispose-package-versions get-associated-package-group get-authorization-token get-domain-permissions-policy get-package-version-asset get-package-version-readme get-repository-endpoint get-repository-permissions-policy list-allowed-repositories-for-group list-associated-packages list-domains list-package-groups list-package-version-assets list-package-version-dependencies list-package-versions list-packages list-repositories list-repositories-in-domain list-sub-package-groups list-tags-for-resource publish-package-version put-domain-permissions-policy put-package-origin-configuration put-repository-permissions-policy tag-resource untag-resource update-package-group update-package-group-origin-configuration update-package-versions-status update-repository login logout mock exec keyring help" -f -a "get-associated-package-group" -d 'Returns the most closely associated package group to the specified package.'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand help; and not __fish_seen_subcommand_from associate-external-connection copy-package-versions create-domain create-package-group create-repository delete-domain delete-domain-permissions-policy delete-package delete-package-group delete-package-versions delete-repository delete-repository-permissions-policy describe-domain describe-package describe-package-group describe-package-version describe-repository disassociate-external-connection dispose-package-versions get-associated-package-group get-authorization-token get-domain-permissions-policy get-package-version-asset get-package-version-readme get-repository-endpoint get-repository-permissions-policy list-allowed-repositories-for-group list-associated-packages list-domains list-package-groups list-package-version-assets list-package-version-dependencies list-package-versions list-packages list-repositories list-repositories-in-domain list-sub-package-groups list-tags-for-resource publish-package-version put-domain-permissions-policy put-package-origin-configuration put-repository-permissions-policy tag-resource untag-resource update-package-group update-package-group-origin-configuration update-package-versions-status update-repository login logout mock exec keyring help" -f -a "get-authorization-token" -d 'Generates a temporary authorization token for accessing repositories in the domain.'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand help; and not __fish_seen_subcommand_from associate-external-connection copy-package-versions create-domain create-package-group create-repository delete-domain delete-domain-permissions-policy delete-package delete-package-group delete-package-versions delete-repository delete-repository-permissions-policy describe-domain describe-package describe-package-group describe-package-version describe-repository disassociate-external-connection dispose-package-versions get-associated-package-group get-authorization-token get-domain-permissions-policy get-package-version-asset get-package-version-readme get-repository-endpoint get-repository-permissions-policy list-allowed-repositories-for-group list-associated-packages list-domains list-package-groups list-package-version-assets list-package-version-dependencies list-package-versions list-packages list-repositories list-repositories-in-domain list-sub-package-groups list-tags-for-resource publish-package-version put-domain-permissions-policy put-package-origin-configuration put-repository-permissions-policy tag-resource untag-resource update-package-group update-package-group-origin-configuration update-package-versions-status update-repository login logout mock exec keyring help" -f -a "get-domain-permissions-policy" -d 'Returns the resource policy attached to the specified domain.'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand help; and not __fish_seen_subcommand_from associate-external-connection copy-package-versions create-domain create-package-group create-repository delete-domain delete-domain-permissions-policy delete-package delete-package-group delete-package-versions delete-repository delete-repository-permissions-policy describe-domain describe-package describe-package-group describe-package-version describe-repository disassociate-external-connection dispose-package-versions get-associated-package-group get-authorization-token get-domain-permissions-policy get-package-version-asset get-package-version-readme get-repository-endpoint get-repository-permissions-policy list-allowed-repositories-for-group list-associated-packages list-domains list-package-groups list-package-version-assets list-package-version-dependencies list-package-versions list-packages list-repositories list-repositories-in-domain list-sub-package-groups list-tags-for-resource publish-package-version put-domain-permissions-policy put-package-origin-configuration put-repository-permissions-policy tag-resource untag-resource update-package-group update-package-group-origin-configuration update-package-versions-status update-repository login logout mock exec keyring help" -f -a "get-package-version-asset" -d 'Returns an asset (or file) that is in a package.'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand help; and not __fish_seen_subcommand_from associate-external-connection copy-package-versions create-domain create-package-group create-repository delete-domain delete-domain-permissions-policy delete-package delete-package-group delete-package-versions delete-repository delete-repository-permissions-policy describe-domain describe-package describe-package-group describe-package-version describe-repository disassociate-external-connection dispose-package-versions get-associated-package-group get-authorization-token get-domain-permissions-policy get-package-version-asset get-package-version-readme get-repository-endpoint get-repository-permissions-policy list-allowed-repositories-for-group list-associated-packages list-domains list-package-groups list-package-version-assets list-package-version-dependencies list-package-versions list-packages list-repositories list-repositories-in-domain list-sub-package-groups list-tags-for-resource publish-package-version put-domain-permissions-policy put-package-origin-configuration put-repository-permissions-policy tag-resource untag-resource update-package-group update-package-group-origin-configuration update-package-versions-status update-repository login logout mock exec keyring help" -f -a "get-package-version-readme" -d 'Gets the readme file or descriptive text for a package version.'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand help; and not __fish_seen_subcommand_from associate-external-connection copy-package-versions create-domain create-package-group create-repository delete-domain delete-domain-permissions-policy delete-package delete-package-group delete-package-versions delete-repository delete-repository-permissions-policy describe-domain describe-package describe-package-group describe-package-version describe-repository disassociate-external-connection dispose-package-versions get-associated-package-group get-authorization-token get-domain-permissions-policy get-package-version-asset get-package-version-readme get-repository-endpoint get-repository-permissions-policy list-allowed-repositories-for-group list-associated-packages list-domains list-package-groups list-package-version-assets list-package-version-dependencies list-package-versions list-packages list-repositories list-repositories-in-domain list-sub-package-groups list-tags-for-resource publish-package-version put-domain-permissions-policy put-package-origin-configuration put-repository-permissions-policy tag-resource untag-resource update-package-group update-package-group-origin-configuration update-package-versions-status update-repository login logout mock exec keyring help" -f -a "get-repository-endpoint" -d 'Returns the endpoint of a repository for a specific package format.'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand help; and not __fish_seen_subcommand_from associate-external-connection copy-package-versions create-domain create-package-group create-repository delete-domain delete-domain-permissions-policy delete-package delete-package-group delete-package-versions delete-repository delete-repository-permissions-policy describe-domain describe-package describe-package-group describe-package-version describe-repository disassociate-external-connection dispose-package-versions get-associated-package-group get-authorization-token get-domain-permissions-policy get-package-version-asset get-package-version-readme get-repository-endpoint get-repository-permissions-policy list-allowed-repositories-for-group list-associated-packages list-domains list-package-groups list-package-version-assets list-package-version-dependencies list-package-versions list-packages list-repositories list-repositories-in-domain list-sub-package-groups list-tags-for-resource publish-package-version put-domain-permissions-policy put-package-origin-configuration put-repository-permissions-policy tag-resource untag-resource update-package-group update-package-group-origin-configuration update-package-versions-status update-repository login logout mock exec keyring help" -f -a "get-repository-permissions-policy" -d 'Returns the resource policy that is set on a repository.'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand help; and not __fish_seen_subcommand_from associate-external-connection copy-package-versions create-domain create-package-group create-repository delete-domain delete-domain-permissions-policy delete-package delete-package-group delete-package-versions delete-repository delete-repository-permissions-policy describe-domain describe-package describe-package-group describe-package-version describe-repository disassociate-external-connection dispose-package-versions get-associated-package-group get-authorization-token get-domain-permissions-policy get-package-version-asset get-package-version-readme get-repository-endpoint get-repository-permissions-policy list-allowed-repositories-for-group list-associated-packages list-domains list-package-groups list-package-version-assets list-package-version-dependencies list-package-versions list-packages list-repositories list-repositories-in-domain list-sub-package-groups list-tags-for-resource publish-package-version put-domain-permissions-policy put-package-origin-configuration put-repository-permissions-policy tag-resource untag-resource update-package-group update-package-group-origin-configuration update-package-versions-status update-repository login logout mock exec keyring help" -f -a "list-allowed-repositories-for-group" -d 'Lists the repositories in the added repositories list of the specified restriction type for a package group.'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand help; and not __fish_seen_subcommand_from associate-external-connection copy-package-versions create-domain create-package-group create-repository delete-domain delete-domain-permissions-policy delete-package delete-package-group delete-package-versions delete-repository delete-repository-permissions-policy describe-domain describe-package describe-package-group describe-package-version describe-repository disassociate-external-connection dispose-package-versions get-associated-package-group get-authorization-token get-domain-permissions-policy get-package-version-asset get-package-version-readme get-repository-endpoint get-repository-permissions-policy list-allowed-repositories-for-group list-associated-packages list-domains list-package-groups list-package-version-assets list-package-version-dependencies list-package-versions list-packages list-repositories list-repositories-in-domain list-sub-package-groups list-tags-for-resource publish-package-version put-domain-permissions-policy put-package-origin-configuration put-repository-permissions-policy tag-resource untag-resource update-package-group update-package-group-origin-configuration update-package-versions-status update-repository login logout mock exec keyring help" -f -a "list-associated-packages" -d 'Returns a list of packages associated with the requested package group.'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand help; and not __fish_seen_subcommand_from associate-external-connection copy-package-versions create-domain create-package-group create-repository delete-domain delete-domain-permissions-policy delete-package delete-package-group delete-package-versions delete-repository delete-repository-permissions-policy describe-domain describe-package describe-package-group describe-package-version describe-repository disassociate-external-connection dispose-package-versions get-associated-package-group get-authorization-token get-domain-permissions-policy get-package-version-asset get-package-version-readme get-repository-endpoint get-repository-permissions-policy list-allowed-repositories-for-group list-associated-packages list-domains list-package-groups list-package-version-assets list-package-version-dependencies list-package-versions list-packages list-repositories list-repositories-in-domain list-sub-package-groups list-tags-for-resource publish-package-version put-domain-permissions-policy put-package-origin-configuration put-repository-permissions-policy tag-resource untag-resource update-package-group update-package-group-origin-configuration update-package-versions-status update-repository login logout mock exec keyring help" -f -a "list-domains" -d 'Returns a list of DomainSummary objects for all domains owned by the Amazon Web Services account that makes this call.'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand help; and not __fish_seen_subcommand_from associate-external-connection copy-package-versions create-domain create-package-group create-repository delete-domain delete-domain-permissions-policy delete-package delete-package-group delete-package-versions delete-repository delete-repository-permissions-policy describe-domain describe-package describe-package-group describe-package-version describe-repository disassociate-external-connection dispose-package-versions get-associated-package-group get-authorization-token get-domain-permissions-policy get-package-version-asset get-package-version-readme get-repository-endpoint get-repository-permissions-policy list-allowed-repositories-for-group list-associated-packages list-domains list-package-groups list-package-version-assets list-package-version-dependencies list-package-versions list-packages list-repositories list-repositories-in-domain list-sub-package-groups list-tags-for-resource publish-package-version put-domain-permissions-policy put-package-origin-configuration put-repository-permissions-policy tag-resource untag-resource update-package-group update-package-group-origin-configuration update-package-versions-status update-repository login logout mock exec keyring help" -f -a "list-package-groups" -d 'Returns a list of package groups in the requested domain.'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand help; and not __fish_seen_subcommand_from associate-external-connection copy-package-versions create-domain create-package-group create-repository delete-domain delete-domain-permissions-policy delete-package delete-package-group delete-package-versions delete-repository delete-repository-permissions-policy describe-domain describe-package describe-package-group describe-package-version describe-repository disassociate-external-connection dispose-package-versions get-associated-package-group get-authorization-token get-domain-permissions-policy get-package-version-asset get-package-version-readme get-repository-endpoint get-repository-permissions-policy list-allowed-repositories-for-group list-associated-packages list-domains list-package-groups list-package-version-assets list-package-version-dependencies list-package-versions list-packages list-repositories list-repositories-in-domain list-sub-package-groups list-tags-for-resource publish-package-version put-domain-permissions-policy put-package-origin-configuration put-repository-permissions-policy tag-resource untag-resource update-package-group update-package-group-origin-configuration update-package-versions-status update-repository login logout mock exec keyring help" -f -a "list-package-version-assets" -d 'Returns a list of AssetSummary objects for assets in a package version.'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand help; and not __fish_seen_subcommand_from associate-external-connection copy-package-versions create-domain create-package-group create-repository delete-domain delete-domain-permissions-policy delete-package delete-package-group delete-package-versions delete-repository delete-repository-permissions-policy describe-domain describe-package describe-package-group describe-package-version describe-repository disassociate-external-connection dispose-package-versions get-associated-package-group get-authorization-token get-domain-permissions-policy get-package-version-asset get-package-version-readme get-repository-endpoint get-repository-permissions-policy list-allowed-repositories-for-group list-associated-packages list-domains list-package-groups list-package-version-assets list-package-version-dependencies list-package-versions list-packages list-repositories list-repositories-in-domain list-sub-package-groups list-tags-for-resource publish-package-version put-domain-permissions-policy put-package-origin-configuration put-repository-permissions-policy tag-resource untag-resource update-package-group update-package-group-origin-configuration update-package-versions-status update-repository login logout mock exec keyring help" -f -a "list-package-version-dependencies" -d 'Returns the direct dependencies for a package version.'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand help; and not __fish_seen_subcommand_from associate-external-connection copy-package-versions create-domain create-package-group create-repository delete-domain delete-domain-permissions-policy delete-package delete-package-group delete-package-versions delete-repository delete-repository-permissions-policy describe-domain describe-package describe-package-group describe-package-version describe-repository disassociate-external-connection dispose-package-versions get-associated-package-group get-authorization-token get-domain-permissions-policy get-package-version-asset get-package-version-readme get-repository-endpoint get-repository-permissions-policy list-allowed-repositories-for-group list-associated-packages list-domains list-package-groups list-package-version-assets list-package-version-dependencies list-package-versions list-packages list-repositories list-repositories-in-domain list-sub-package-groups list-tags-for-resource publish-package-version put-domain-permissions-policy put-package-origin-configuration put-repository-permissions-policy tag-resource untag-resource update-package-group update-package-group-origin-configuration update-package-versions-status update-repository login logout mock exec keyring help" -f -a "list-package-versions" -d 'Returns a list of PackageVersionSummary objects for package versions in a repository that match the request parameters.'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand help; and not __fish_seen_subcommand_from associate-external-connection copy-package-versions create-domain create-package-group create-repository delete-domain delete-domain-permissions-policy delete-package delete-package-group delete-package-versions delete-repository delete-repository-permissions-policy describe-domain describe-package describe-package-group describe-package-version describe-repository disassociate-external-connection dispose-package-versions get-associated-package-group get-authorization-token get-domain-permissions-policy get-package-version-asset get-package-version-readme get-repository-endpoint get-repository-permissions-policy list-allowed-repositories-for-group list-associated-packages list-domains list-package-groups list-package-version-assets list-package-version-dependencies list-package-versions list-packages list-repositories list-repositories-in-domain list-sub-package-groups list-tags-for-resource publish-package-version put-domain-permissions-policy put-package-origin-configuration put-repository-permissions-policy tag-resource untag-resource update-package-group update-package-group-origin-configuration update-package-versions-status update-repository login logout mock exec keyring help" -f -a "list-packages" -d 'Returns a list of PackageSummary objects for packages in a repository that match the request parameters.'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand help; and not __fish_seen_subcommand_from associate-external-connection copy-package-versions create-domain create-package-group create-repository delete-domain delete-domain-permissions-policy delete-package delete-package-group delete-package-versions delete-repository delete-repository-permissions-policy describe-domain describe-package describe-package-group describe-package-version describe-repository disassociate-external-connection dispose-package-versions get-associated-package-group get-authorization-token get-domain-permissions-policy get-package-version-asset get-package-version-readme get-repository-endpoint get-repository-permissions-policy list-allowed-repositories-for-group list-associated-packages list-domains list-package-groups list-package-version-assets list-package-version-dependencies list-package-versions list-packages list-repositories list-repositories-in-domain list-sub-package-groups list-tags-for-resource publish-package-version put-domain-permissions-policy put-package-origin-configuration put-repository-permissions-policy tag-resource untag-resource update-package-group update-package-group-origin-configuration update-package-versions-status update-repository login logout mock exec keyring help" -f -a "list-repositories" -d 'Returns a list of RepositorySummary objects.'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand help; and not __fish_seen_subcommand_from associate-external-connection copy-package-versions create-domain create-package-group create-repository delete-domain delete-domain-permissions-policy delete-package delete-package-group delete-package-versions delete-repository delete-repository-permissions-policy describe-domain describe-package describe-package-group describe-package-version describe-repository disassociate-external-connection dispose-package-versions get-associated-package-group get-authorization-token get-domain-permissions-policy get-package-version-asset get-package-version-readme get-repository-endpoint get-repository-permissions-policy list-allowed-repositories-for-group list-associated-packages list-domains list-package-groups list-package-version-assets list-package-version-dependencies list-package-versions list-packages list-repositories list-repositories-in-domain list-sub-package-groups list-tags-for-resource publish-package-version put-domain-permissions-policy put-package-origin-configuration put-repository-permissions-policy tag-resource untag-resource update-package-group update-package-group-origin-configuration update-package-versions-status update-repository login logout mock exec keyring help" -f -a "list-repositories-in-domain" -d 'Returns a list of RepositorySummary objects.'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand help; and not __fish_seen_subcommand_from associate-external-connection copy-package-versions create-domain create-package-group create-repository delete-domain delete-domain-permissions-policy delete-package delete-package-group delete-package-versions delete-repository delete-repository-permissions-policy describe-domain describe-package describe-package-group describe-package-version describe-repository disassociate-external-connection dispose-package-versions get-associated-package-group get-authorization-token get-domain-permissions-policy get-package-version-asset get-package-version-readme get-repository-endpoint get-repository-permissions-policy list-allowed-repositories-for-group list-associated-packages list-domains list-package-groups list-package-version-assets list-package-version-dependencies list-package-versions list-packages list-repositories list-repositories-in-domain list-sub-package-groups list-tags-for-resource publish-package-version put-domain-permissions-policy put-package-origin-configuration put-repository-permissions-policy tag-resource untag-resource update-package-group update-package-group-origin-configuration update-package-versions-status update-repository login logout mock exec keyring help" -f -a "list-sub-package-groups" -d 'Returns a list of direct children of the specified package group.'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand help; and not __fish_seen_subcommand_from associate-external-connection copy-package-versions create-domain create-package-group create-repository delete-domain delete-domain-permissions-policy delete-package delete-package-group delete-package-versions delete-repository delete-repository-permissions-policy describe-domain describe-package describe-package-group describe-package-version describe-repository disassociate-external-connection dispose-package-versions get-associated-package-group get-authorization-token get-domain-permissions-policy get-package-version-asset get-package-version-readme get-repository-endpoint get-repository-permissions-policy list-allowed-repositories-for-group list-associated-packages list-domains list-package-groups list-package-version-assets list-package-version-dependencies list-package-versions list-packages list-repositories list-repositories-in-domain list-sub-package-groups list-tags-for-resource publish-package-version put-domain-permissions-policy put-package-origin-configuration put-repository-permissions-policy tag-resource untag-resource update-package-group update-package-group-origin-configuration update-package-versions-status update-repository login logout mock exec keyring help" -f -a "list-tags-for-resource" -d 'Gets information about Amazon Web Services tags for a specified Amazon Resource Name (ARN) in CodeArtifact.'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand help; and not __fish_seen_subcommand_from associate-external-connection copy-package-versions create-domain create-package-group create-repository delete-domain delete-domain-permissions-policy delete-package delete-package-group delete-package-versions delete-repository delete-repository-permissions-policy describe-domain describe-package describe-package-group describe-package-version describe-repository disassociate-external-connection dispose-package-versions get-associated-package-group get-authorization-token get-domain-permissions-policy get-package-version-asset get-package-version-readme get-repository-endpoint get-repository-permissions-policy list-allowed-repositories-for-group list-associated-packages list-domains list-package-groups list-package-version-assets list-package-version-dependencies list-package-versions list-packages list-repositories list-repositories-in-domain list-sub-package-groups list-tags-for-resource publish-package-version put-domain-permissions-policy put-package-origin-configuration put-repository-permissions-policy tag-resource untag-resource update-package-group update-package-group-origin-configuration update-package-versions-status update-repository login logout mock exec keyring help" -f -a "publish-package-version" -d 'Creates a new package version containing one or more assets (or files).'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand help; and not __fish_seen_subcommand_from associate-external-connection copy-package-versions create-domain create-package-group create-repository delete-domain delete-domain-permissions-policy delete-package delete-package-group delete-package-versions delete-repository delete-repository-permissions-policy describe-domain describe-package describe-package-group describe-package-version describe-repository disassociate-external-connection dispose-package-versions get-associated-package-group get-authorization-token get-domain-permissions-policy get-package-version-asset get-package-version-readme get-repository-endpoint get-repository-permissions-policy list-allowed-repositories-for-group list-associated-packages list-domains list-package-groups list-package-version-assets list-package-version-dependencies list-package-versions list-packages list-repositories list-repositories-in-domain list-sub-package-groups list-tags-for-resource publish-package-version put-domain-permissions-policy put-package-origin-configuration put-repository-permissions-policy tag-resource untag-resource update-package-group update-package-group-origin-configuration update-package-versions-status update-repository login logout mock exec keyring help" -f -a "put-domain-permissions-policy" -d 'Sets a resource policy on a domain that specifies permissions to access it.'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand help; and not __fish_seen_subcommand_from associate-external-connection copy-package-versions create-domain create-package-group create-repository delete-domain delete-domain-permissions-policy delete-package delete-package-group delete-package-versions delete-repository delete-repository-permissions-policy describe-domain describe-package describe-package-group describe-package-version describe-repository disassociate-external-connection dispose-package-versions get-associated-package-group get-authorization-token get-domain-permissions-policy get-package-version-asset get-package-version-readme get-repository-endpoint get-repository-permissions-policy list-allowed-repositories-for-group list-associated-packages list-domains list-package-groups list-package-version-assets list-package-version-dependencies list-package-versions list-packages list-repositories list-repositories-in-domain list-sub-package-groups list-tags-for-resource publish-package-version put-domain-permissions-policy put-package-origin-configuration put-repository-permissions-policy tag-resource untag-resource update-package-group update-package-group-origin-configuration update-package-versions-status update-repository login logout mock exec keyring help" -f -a "put-package-origin-configuration" -d 'Sets the package origin configuration for a package.'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand help; and not __fish_seen_subcommand_from associate-external-connection copy-package-versions create-domain create-package-group create-repository delete-domain delete-domain-permissions-policy delete-package delete-package-group delete-package-versions delete-repository delete-repository-permissions-policy describe-domain describe-package describe-package-group describe-package-version describe-repository disassociate-external-connection dispose-package-versions get-associated-package-group get-authorization-token get-domain-permissions-policy get-package-version-asset get-package-version-readme get-repository-endpoint get-repository-permissions-policy list-allowed-repositories-for-group list-associated-packages list-domains list-package-groups list-package-version-assets list-package-version-dependencies list-package-versions list-packages list-repositories list-repositories-in-domain list-sub-package-groups list-tags-for-resource publish-package-version put-domain-permissions-policy put-package-origin-configuration put-repository-permissions-policy tag-resource untag-resource update-package-group update-package-group-origin-configuration update-package-versions-status update-repository login logout mock exec keyring help" -f -a "put-repository-permissions-policy" -d 'Sets the resource policy on a repository that specifies permissions to access it.'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand help; and not __fish_seen_subcommand_from associate-external-connection copy-package-versions create-domain create-package-group create-repository delete-domain delete-domain-permissions-policy delete-package delete-package-group delete-package-versions delete-repository delete-repository-permissions-policy describe-domain describe-package describe-package-group describe-package-version describe-repository disassociate-external-connection dispose-package-versions get-associated-package-group get-authorization-token get-domain-permissions-policy get-package-version-asset get-package-version-readme get-repository-endpoint get-repository-permissions-policy list-allowed-repositories-for-group list-associated-packages list-domains list-package-groups list-package-version-assets list-package-version-dependencies list-package-versions list-packages list-repositories list-repositories-in-domain list-sub-package-groups list-tags-for-resource publish-package-version put-domain-permissions-policy put-package-origin-configuration put-repository-permissions-policy tag-resource untag-resource update-package-group update-package-group-origin-configuration update-package-versions-status update-repository login logout mock exec keyring help" -f -a "tag-resource" -d 'Adds or updates tags for a resource in CodeArtifact.'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand help; and not __fish_seen_subcommand_from associate-external-connection copy-package-versions create-domain create-package-group create-repository delete-domain delete-domain-permissions-policy delete-package delete-package-group delete-package-versions delete-repository delete-repository-permissions-policy describe-domain describe-package describe-package-group describe-package-version describe-repository disassociate-external-connection dispose-package-versions get-associated-package-group get-authorization-token get-domain-permissions-policy get-package-version-asset get-package-version-readme get-repository-endpoint get-repository-permissions-policy list-allowed-repositories-for-group list-associated-packages list-domains list-package-groups list-package-version-assets list-package-version-dependencies list-package-versions list-packages list-repositories list-repositories-in-domain list-sub-package-groups list-tags-for-resource publish-package-version put-domain-permissions-policy put-package-origin-configuration put-repository-permissions-policy tag-resource untag-resource update-package-group update-package-group-origin-configuration update-package-versions-status update-repository login logout mock exec keyring help" -f -a "untag-resource" -d 'Removes tags from a resource in CodeArtifact.'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand help; and not __fish_seen_subcommand_from associate-external-connection copy-package-versions create-domain create-package-group create-repository delete-domain delete-domain-permissions-policy delete-package delete-package-group delete-package-versions delete-repository delete-repository-permissions-policy describe-domain describe-package describe-package-group describe-package-version describe-repository disassociate-external-connection dispose-package-versions get-associated-package-group get-authorization-token get-domain-permissions-policy get-package-version-asset get-package-version-readme get-repository-endpoint get-repository-permissions-policy list-allowed-repositories-for-group list-associated-packages list-domains list-package-groups list-package-version-assets list-package-version-dependencies list-package-versions list-packages list-repositories list-repositories-in-domain list-sub-package-groups list-tags-for-resource publish-package-version put-domain-permissions-policy put-package-origin-configuration put-repository-permissions-policy tag-resource untag-resource update-package-group update-package-group-origin-configuration update-package-versions-status update-repository login logout mock exec keyring help" -f -a "update-package-group" -d 'Updates a package group.'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand help; and not __fish_seen_subcommand_from associate-external-connection copy-package-versions create-domain create-package-group create-repository delete-domain delete-domain-permissions-policy delete-package delete-package-group delete-package-versions delete-repository delete-repository-permissions-policy describe-domain describe-package describe-package-group describe-package-version describe-repository disassociate-external-connection dispose-package-versions get-associated-package-group get-authorization-token get-domain-permissions-policy get-package-version-asset get-package-version-readme get-repository-endpoint get-repository-permissions-policy list-allowed-repositories-for-group list-associated-packages list-domains list-package-groups list-package-version-assets list-package-version-dependencies list-package-versions list-packages list-repositories list-repositories-in-domain list-sub-package-groups list-tags-for-resource publish-package-version put-domain-permissions-policy put-package-origin-configuration put-repository-permissions-policy tag-resource untag-resource update-package-group update-package-group-origin-configuration update-package-versions-status update-repository login logout mock exec keyring help" -f -a "update-package-group-origin-configuration" -d 'Updates the package origin configuration for a package group.'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand help; and not __fish_seen_subcommand_from associate-external-connection copy-package-versions create-domain create-package-group create-repository delete-domain delete-domain-permissions-policy delete-package delete-package-group delete-package-versions delete-repository delete-repository-permissions-policy describe-domain describe-package describe-package-group describe-package-version describe-repository disassociate-external-connection dispose-package-versions get-associated-package-group get-authorization-token get-domain-permissions-policy get-package-version-asset get-package-version-readme get-repository-endpoint get-repository-permissions-policy list-allowed-repositories-for-group list-associated-packages list-domains list-package-groups list-package-version-assets list-package-version-dependencies list-package-versions list-packages list-repositories list-repositories-in-domain list-sub-package-groups list-tags-for-resource publish-package-version put-domain-permissions-policy put-package-origin-configuration put-repository-permissions-policy tag-resource untag-resource update-package-group update-package-group-origin-configuration update-package-versions-status update-repository login logout mock exec keyring help" -f -a "update-package-versions-status" -d 'Updates the status of one or more versions of a package.'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand help; and not __fish_seen_subcommand_from associate-external-connection copy-package-versions create-domain create-package-group create-repository delete-domain delete-domain-permissions-policy delete-package delete-package-group delete-package-versions delete-repository delete-repository-permissions-policy describe-domain describe-package describe-package-group describe-package-version describe-repository disassociate-external-connection dispose-package-versions get-associated-package-group get-authorization-token get-domain-permissions-policy get-package-version-asset get-package-version-readme get-repository-endpoint get-repository-permissions-policy list-allowed-repositories-for-group list-associated-packages list-domains list-package-groups list-package-version-assets list-package-version-dependencies list-package-versions list-packages list-repositories list-repositories-in-domain list-sub-package-groups list-tags-for-resource publish-package-version put-domain-permissions-policy put-package-origin-configuration put-repository-permissions-policy tag-resource untag-resource update-package-group update-package-group-origin-configuration update-package-versions-status update-repository login logout mock exec keyring help" -f -a "update-repository" -d 'Update the properties of a repository.'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand help; and not __fish_seen_subcommand_from associate-external-connection copy-package-versions create-domain create-package-group create-repository delete-domain delete-domain-permissions-policy delete-package delete-package-group delete-package-versions delete-repository delete-repository-permissions-policy describe-domain describe-package describe-package-group describe-package-version describe-repository disassociate-external-connection dispose-package-versions get-associated-package-group get-authorization-token get-domain-permissions-policy get-package-version-asset get-package-version-readme get-repository-endpoint get-repository-permissions-policy list-allowed-repositories-for-group list-associated-packages list-domains list-package-groups list-package-version-assets list-package-version-dependencies list-package-versions list-packages list-repositories list-repositories-in-domain list-sub-package-groups list-tags-for-resource publish-package-version put-domain-permissions-policy put-package-origin-configuration put-repository-permissions-policy tag-resource untag-resource update-package-group update-package-group-origin-configuration update-package-versions-status update-repository login logout mock exec keyring help" -f -a "login" -d 'Configure a package tool to use a CodeArtifact repository'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand help; and not __fish_seen_subcommand_from associate-external-connection copy-package-versions create-domain create-package-group create-repository delete-domain delete-domain-permissions-policy delete-package delete-package-group delete-package-versions delete-repository delete-repository-permissions-policy describe-domain describe-package describe-package-group describe-package-version describe-repository disassociate-external-connection dispose-package-versions get-associated-package-group get-authorization-token get-domain-permissions-policy get-package-version-asset get-package-version-readme get-repository-endpoint get-repository-permissions-policy list-allowed-repositories-for-group list-associated-packages list-domains list-package-groups list-package-version-assets list-package-version-dependencies list-package-versions list-packages list-repositories list-repositories-in-domain list-sub-package-groups list-tags-for-resource publish-package-version put-domain-permissions-policy put-package-origin-configuration put-repository-permissions-policy tag-resource untag-resource update-package-group update-package-group-origin-configuration update-package-versions-status update-repository login logout mock exec keyring help" -f -a "logout" -d 'Remove what `login` wrote to a package tool\'s configuration'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand help; and not __fish_seen_subcommand_from associate-external-connection copy-package-versions create-domain create-package-group create-repository delete-domain delete-domain-permissions-policy delete-package delete-package-group delete-package-versions delete-repository delete-repository-permissions-policy describe-domain describe-package describe-package-group describe-package-version describe-repository disassociate-external-connection dispose-package-versions get-associated-package-group get-authorization-token get-domain-permissions-policy get-package-version-asset get-package-version-readme get-repository-endpoint get-repository-permissions-policy list-allowed-repositories-for-group list-associated-packages list-domains list-package-groups list-package-version-assets list-package-version-dependencies list-package-versions list-packages list-repositories list-repositories-in-domain list-sub-package-groups list-tags-for-resource publish-package-version put-domain-permissions-policy put-package-origin-configuration put-repository-permissions-policy tag-resource untag-resource update-package-group update-package-group-origin-configuration update-package-versions-status update-repository login logout mock exec keyring help" -f -a "mock" -d 'Run a local emulator of the CodeArtifact service'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand help; and not __fish_seen_subcommand_from associate-external-connection copy-package-versions create-domain create-package-group create-repository delete-domain delete-domain-permissions-policy delete-package delete-package-group delete-package-versions delete-repository delete-repository-permissions-policy describe-domain describe-package describe-package-group describe-package-version describe-repository disassociate-external-connection dispose-package-versions get-associated-package-group get-authorization-token get-domain-permissions-policy get-package-version-asset get-package-version-readme get-repository-endpoint get-repository-permissions-policy list-allowed-repositories-for-group list-associated-packages list-domains list-package-groups list-package-version-assets list-package-version-dependencies list-package-versions list-packages list-repositories list-repositories-in-domain list-sub-package-groups list-tags-for-resource publish-package-version put-domain-permissions-policy put-package-origin-configuration put-repository-permissions-policy tag-resource untag-resource update-package-group update-package-group-origin-configuration update-package-versions-status update-repository login logout mock exec keyring help" -f -a "exec" -d 'Run a command with package tools configured for a repository through its environment only'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand help; and not __fish_seen_subcommand_from associate-external-connection copy-package-versions create-domain create-package-group create-repository delete-domain delete-domain-permissions-policy delete-package delete-package-group delete-package-versions delete-repository delete-repository-permissions-policy describe-domain describe-package describe-package-group describe-package-version describe-repository disassociate-external-connection dispose-package-versions get-associated-package-group get-authorization-token get-domain-permissions-policy get-package-version-asset get-package-version-readme get-repository-endpoint get-repository-permissions-policy list-allowed-repositories-for-group list-associated-packages list-domains list-package-groups list-package-version-assets list-package-version-dependencies list-package-versions list-packages list-repositories list-repositories-in-domain list-sub-package-groups list-tags-for-resource publish-package-version put-domain-permissions-policy put-package-origin-configuration put-repository-permissions-policy tag-resource untag-resource update-package-group update-package-group-origin-configuration update-package-versions-status update-repository login logout mock exec keyring help" -f -a "keyring" -d 'The `keyring` command pip and uv run for passwords, answered with tokens'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand help; and not __fish_seen_subcommand_from associate-external-connection copy-package-versions create-domain create-package-group create-repository delete-domain delete-domain-permissions-policy delete-package delete-package-group delete-package-versions delete-repository delete-repository-permissions-policy describe-domain describe-package describe-package-group describe-package-version describe-repository disassociate-external-connection dispose-package-versions get-associated-package-group get-authorization-token get-domain-permissions-policy get-package-version-asset get-package-version-readme get-repository-endpoint get-repository-permissions-policy list-allowed-repositories-for-group list-associated-packages list-domains list-package-groups list-package-version-assets list-package-version-dependencies list-package-versions list-packages list-repositories list-repositories-in-domain list-sub-package-groups list-tags-for-resource publish-package-version put-domain-permissions-policy put-package-origin-configuration put-repository-permissions-policy tag-resource untag-resource update-package-group update-package-group-origin-configuration update-package-versions-status update-repository login logout mock exec keyring help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand help; and __fish_seen_subcommand_from mock" -f -a "start" -d 'Start the emulator in the background; prints its URL once it serves'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand help; and __fish_seen_subcommand_from mock" -f -a "stop" -d 'Stop the emulator serving the address (or --data-dir), waiting until it has closed its data'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand help; and __fish_seen_subcommand_from mock" -f -a "status" -d 'Show the emulator serving the address (or --data-dir): URL, data dir, pid, log'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand help; and __fish_seen_subcommand_from mock" -f -a "serve" -d 'Serve the CodeArtifact API and repositories on a local port, in the foreground'
complete -c codeartifact -n "__fish_codeartifact_using_subcommand help; and __fish_seen_subcommand_from keyring" -f -a "install" -d 'Link `keyring` to codeartifact in a folder on PATH, for pip and uv (never replacing another keyring)'

# Domain, repository and package names from the service (or the emulator, with --local).
for kind in domain repository package
    complete -c codeartifact -l $kind -x -a "(command codeartifact --complete-resource $kind (commandline -opc) 2>/dev/null)"
end
