
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'codeartifact' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'codeartifact'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'codeartifact' {
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Override the service''s endpoint URL')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'The output format')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A profile from the AWS config and credentials files')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The region to use')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in table output')
            [CompletionResult]::new('--ca-bundle', '--ca-bundle', [CompletionResultType]::ParameterName, 'A PEM bundle of CA certificates to trust')
            [CompletionResult]::new('--cli-read-timeout', '--cli-read-timeout', [CompletionResultType]::ParameterName, 'Socket read timeout in seconds (0: none)')
            [CompletionResult]::new('--cli-connect-timeout', '--cli-connect-timeout', [CompletionResultType]::ParameterName, 'Socket connect timeout in seconds (0: none)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Turn on debug logging (to stderr)')
            [CompletionResult]::new('--no-verify-ssl', '--no-verify-ssl', [CompletionResultType]::ParameterName, 'Do not verify TLS certificates')
            [CompletionResult]::new('--no-paginate', '--no-paginate', [CompletionResultType]::ParameterName, 'Make one call only; do not aggregate pages')
            [CompletionResult]::new('--no-sign-request', '--no-sign-request', [CompletionResultType]::ParameterName, 'Send unsigned requests (no credentials are loaded)')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Run against the local emulator (`codeartifact mock`) instead of AWS')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask before destructive operations')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('associate-external-connection', 'associate-external-connection', [CompletionResultType]::ParameterValue, 'Adds an existing external connection to a repository.')
            [CompletionResult]::new('copy-package-versions', 'copy-package-versions', [CompletionResultType]::ParameterValue, 'Copies package versions from one repository to another repository in the same domain.')
            [CompletionResult]::new('create-domain', 'create-domain', [CompletionResultType]::ParameterValue, 'Creates a domain.')
            [CompletionResult]::new('create-package-group', 'create-package-group', [CompletionResultType]::ParameterValue, 'Creates a package group.')
            [CompletionResult]::new('create-repository', 'create-repository', [CompletionResultType]::ParameterValue, 'Creates a repository.')
            [CompletionResult]::new('delete-domain', 'delete-domain', [CompletionResultType]::ParameterValue, 'Deletes a domain.')
            [CompletionResult]::new('delete-domain-permissions-policy', 'delete-domain-permissions-policy', [CompletionResultType]::ParameterValue, 'Deletes the resource policy set on a domain.')
            [CompletionResult]::new('delete-package', 'delete-package', [CompletionResultType]::ParameterValue, 'Deletes a package and all associated package versions.')
            [CompletionResult]::new('delete-package-group', 'delete-package-group', [CompletionResultType]::ParameterValue, 'Deletes a package group.')
            [CompletionResult]::new('delete-package-versions', 'delete-package-versions', [CompletionResultType]::ParameterValue, 'Deletes one or more versions of a package.')
            [CompletionResult]::new('delete-repository', 'delete-repository', [CompletionResultType]::ParameterValue, 'Deletes a repository.')
            [CompletionResult]::new('delete-repository-permissions-policy', 'delete-repository-permissions-policy', [CompletionResultType]::ParameterValue, 'Deletes the resource policy that is set on a repository.')
            [CompletionResult]::new('describe-domain', 'describe-domain', [CompletionResultType]::ParameterValue, 'Returns a DomainDescription object that contains information about the requested domain.')
            [CompletionResult]::new('describe-package', 'describe-package', [CompletionResultType]::ParameterValue, 'Returns a PackageDescription object that contains information about the requested package.')
            [CompletionResult]::new('describe-package-group', 'describe-package-group', [CompletionResultType]::ParameterValue, 'Returns a PackageGroupDescription object that contains information about the requested package group.')
            [CompletionResult]::new('describe-package-version', 'describe-package-version', [CompletionResultType]::ParameterValue, 'Returns a PackageVersionDescription object that contains information about the requested package version.')
            [CompletionResult]::new('describe-repository', 'describe-repository', [CompletionResultType]::ParameterValue, 'Returns a RepositoryDescription object that contains detailed information about the requested repository.')
            [CompletionResult]::new('disassociate-external-connection', 'disassociate-external-connection', [CompletionResultType]::ParameterValue, 'Removes an existing external connection from a repository.')
            [CompletionResult]::new('dispose-package-versions', 'dispose-package-versions', [CompletionResultType]::ParameterValue, 'Deletes the assets in package versions and sets the package versions'' status to Disposed .')
            [CompletionResult]::new('get-associated-package-group', 'get-associated-package-group', [CompletionResultType]::ParameterValue, 'Returns the most closely associated package group to the specified package.')
            [CompletionResult]::new('get-authorization-token', 'get-authorization-token', [CompletionResultType]::ParameterValue, 'Generates a temporary authorization token for accessing repositories in the domain.')
            [CompletionResult]::new('get-domain-permissions-policy', 'get-domain-permissions-policy', [CompletionResultType]::ParameterValue, 'Returns the resource policy attached to the specified domain.')
            [CompletionResult]::new('get-package-version-asset', 'get-package-version-asset', [CompletionResultType]::ParameterValue, 'Returns an asset (or file) that is in a package.')
            [CompletionResult]::new('get-package-version-readme', 'get-package-version-readme', [CompletionResultType]::ParameterValue, 'Gets the readme file or descriptive text for a package version.')
            [CompletionResult]::new('get-repository-endpoint', 'get-repository-endpoint', [CompletionResultType]::ParameterValue, 'Returns the endpoint of a repository for a specific package format.')
            [CompletionResult]::new('get-repository-permissions-policy', 'get-repository-permissions-policy', [CompletionResultType]::ParameterValue, 'Returns the resource policy that is set on a repository.')
            [CompletionResult]::new('list-allowed-repositories-for-group', 'list-allowed-repositories-for-group', [CompletionResultType]::ParameterValue, 'Lists the repositories in the added repositories list of the specified restriction type for a package group.')
            [CompletionResult]::new('list-associated-packages', 'list-associated-packages', [CompletionResultType]::ParameterValue, 'Returns a list of packages associated with the requested package group.')
            [CompletionResult]::new('list-domains', 'list-domains', [CompletionResultType]::ParameterValue, 'Returns a list of DomainSummary objects for all domains owned by the Amazon Web Services account that makes this call.')
            [CompletionResult]::new('list-package-groups', 'list-package-groups', [CompletionResultType]::ParameterValue, 'Returns a list of package groups in the requested domain.')
            [CompletionResult]::new('list-package-version-assets', 'list-package-version-assets', [CompletionResultType]::ParameterValue, 'Returns a list of AssetSummary objects for assets in a package version.')
            [CompletionResult]::new('list-package-version-dependencies', 'list-package-version-dependencies', [CompletionResultType]::ParameterValue, 'Returns the direct dependencies for a package version.')
            [CompletionResult]::new('list-package-versions', 'list-package-versions', [CompletionResultType]::ParameterValue, 'Returns a list of PackageVersionSummary objects for package versions in a repository that match the request parameters.')
            [CompletionResult]::new('list-packages', 'list-packages', [CompletionResultType]::ParameterValue, 'Returns a list of PackageSummary objects for packages in a repository that match the request parameters.')
            [CompletionResult]::new('list-repositories', 'list-repositories', [CompletionResultType]::ParameterValue, 'Returns a list of RepositorySummary objects.')
            [CompletionResult]::new('list-repositories-in-domain', 'list-repositories-in-domain', [CompletionResultType]::ParameterValue, 'Returns a list of RepositorySummary objects.')
            [CompletionResult]::new('list-sub-package-groups', 'list-sub-package-groups', [CompletionResultType]::ParameterValue, 'Returns a list of direct children of the specified package group.')
            [CompletionResult]::new('list-tags-for-resource', 'list-tags-for-resource', [CompletionResultType]::ParameterValue, 'Gets information about Amazon Web Services tags for a specified Amazon Resource Name (ARN) in CodeArtifact.')
            [CompletionResult]::new('publish-package-version', 'publish-package-version', [CompletionResultType]::ParameterValue, 'Creates a new package version containing one or more assets (or files).')
            [CompletionResult]::new('put-domain-permissions-policy', 'put-domain-permissions-policy', [CompletionResultType]::ParameterValue, 'Sets a resource policy on a domain that specifies permissions to access it.')
            [CompletionResult]::new('put-package-origin-configuration', 'put-package-origin-configuration', [CompletionResultType]::ParameterValue, 'Sets the package origin configuration for a package.')
            [CompletionResult]::new('put-repository-permissions-policy', 'put-repository-permissions-policy', [CompletionResultType]::ParameterValue, 'Sets the resource policy on a repository that specifies permissions to access it.')
            [CompletionResult]::new('tag-resource', 'tag-resource', [CompletionResultType]::ParameterValue, 'Adds or updates tags for a resource in CodeArtifact.')
            [CompletionResult]::new('untag-resource', 'untag-resource', [CompletionResultType]::ParameterValue, 'Removes tags from a resource in CodeArtifact.')
            [CompletionResult]::new('update-package-group', 'update-package-group', [CompletionResultType]::ParameterValue, 'Updates a package group.')
            [CompletionResult]::new('update-package-group-origin-configuration', 'update-package-group-origin-configuration', [CompletionResultType]::ParameterValue, 'Updates the package origin configuration for a package group.')
            [CompletionResult]::new('update-package-versions-status', 'update-package-versions-status', [CompletionResultType]::ParameterValue, 'Updates the status of one or more versions of a package.')
            [CompletionResult]::new('update-repository', 'update-repository', [CompletionResultType]::ParameterValue, 'Update the properties of a repository.')
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Configure a package tool to use a CodeArtifact repository')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Remove what `login` wrote to a package tool''s configuration')
            [CompletionResult]::new('mock', 'mock', [CompletionResultType]::ParameterValue, 'Run a local emulator of the CodeArtifact service')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'codeartifact;associate-external-connection' {
            [CompletionResult]::new('--domain', '--domain', [CompletionResultType]::ParameterName, '[required] The name of the domain that contains the repository.')
            [CompletionResult]::new('--domain-owner', '--domain-owner', [CompletionResultType]::ParameterName, 'The 12-digit account number of the Amazon Web Services account that owns the domain.')
            [CompletionResult]::new('--repository', '--repository', [CompletionResultType]::ParameterName, '[required] The name of the repository to which the external connection is added.')
            [CompletionResult]::new('--external-connection', '--external-connection', [CompletionResultType]::ParameterName, '[required] The name of the external connection to add to the repository.')
            [CompletionResult]::new('--cli-input-json', '--cli-input-json', [CompletionResultType]::ParameterName, 'Read arguments from a JSON string (or file://PATH); options on the command line take precedence')
            [CompletionResult]::new('--generate-cli-skeleton', '--generate-cli-skeleton', [CompletionResultType]::ParameterName, 'Print a JSON skeleton of the input (or output) and exit')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Override the service''s endpoint URL')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'The output format')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A profile from the AWS config and credentials files')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The region to use')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in table output')
            [CompletionResult]::new('--ca-bundle', '--ca-bundle', [CompletionResultType]::ParameterName, 'A PEM bundle of CA certificates to trust')
            [CompletionResult]::new('--cli-read-timeout', '--cli-read-timeout', [CompletionResultType]::ParameterName, 'Socket read timeout in seconds (0: none)')
            [CompletionResult]::new('--cli-connect-timeout', '--cli-connect-timeout', [CompletionResultType]::ParameterName, 'Socket connect timeout in seconds (0: none)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Turn on debug logging (to stderr)')
            [CompletionResult]::new('--no-verify-ssl', '--no-verify-ssl', [CompletionResultType]::ParameterName, 'Do not verify TLS certificates')
            [CompletionResult]::new('--no-paginate', '--no-paginate', [CompletionResultType]::ParameterName, 'Make one call only; do not aggregate pages')
            [CompletionResult]::new('--no-sign-request', '--no-sign-request', [CompletionResultType]::ParameterName, 'Send unsigned requests (no credentials are loaded)')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Run against the local emulator (`codeartifact mock`) instead of AWS')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask before destructive operations')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'codeartifact;copy-package-versions' {
            [CompletionResult]::new('--domain', '--domain', [CompletionResultType]::ParameterName, '[required] The name of the domain that contains the source and destination repositories.')
            [CompletionResult]::new('--domain-owner', '--domain-owner', [CompletionResultType]::ParameterName, 'The 12-digit account number of the Amazon Web Services account that owns the domain.')
            [CompletionResult]::new('--source-repository', '--source-repository', [CompletionResultType]::ParameterName, '[required] The name of the repository that contains the package versions to be copied.')
            [CompletionResult]::new('--destination-repository', '--destination-repository', [CompletionResultType]::ParameterName, '[required] The name of the repository into which package versions are copied.')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, '[required] The format of the package versions to be copied.')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace of the package versions to be copied.')
            [CompletionResult]::new('--package', '--package', [CompletionResultType]::ParameterName, '[required] The name of the package that contains the versions to be copied.')
            [CompletionResult]::new('--versions', '--versions', [CompletionResultType]::ParameterName, 'The versions of the package to be copied.')
            [CompletionResult]::new('--version-revisions', '--version-revisions', [CompletionResultType]::ParameterName, 'A list of key-value pairs.')
            [CompletionResult]::new('--cli-input-json', '--cli-input-json', [CompletionResultType]::ParameterName, 'Read arguments from a JSON string (or file://PATH); options on the command line take precedence')
            [CompletionResult]::new('--generate-cli-skeleton', '--generate-cli-skeleton', [CompletionResultType]::ParameterName, 'Print a JSON skeleton of the input (or output) and exit')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Override the service''s endpoint URL')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'The output format')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A profile from the AWS config and credentials files')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The region to use')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in table output')
            [CompletionResult]::new('--ca-bundle', '--ca-bundle', [CompletionResultType]::ParameterName, 'A PEM bundle of CA certificates to trust')
            [CompletionResult]::new('--cli-read-timeout', '--cli-read-timeout', [CompletionResultType]::ParameterName, 'Socket read timeout in seconds (0: none)')
            [CompletionResult]::new('--cli-connect-timeout', '--cli-connect-timeout', [CompletionResultType]::ParameterName, 'Socket connect timeout in seconds (0: none)')
            [CompletionResult]::new('--allow-overwrite', '--allow-overwrite', [CompletionResultType]::ParameterName, 'Set to true to overwrite a package version that already exists in the destination repository.')
            [CompletionResult]::new('--no-allow-overwrite', '--no-allow-overwrite', [CompletionResultType]::ParameterName, 'no-allow-overwrite')
            [CompletionResult]::new('--include-from-upstream', '--include-from-upstream', [CompletionResultType]::ParameterName, 'Set to true to copy packages from repositories that are upstream from the source repository to the destination repository.')
            [CompletionResult]::new('--no-include-from-upstream', '--no-include-from-upstream', [CompletionResultType]::ParameterName, 'no-include-from-upstream')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Turn on debug logging (to stderr)')
            [CompletionResult]::new('--no-verify-ssl', '--no-verify-ssl', [CompletionResultType]::ParameterName, 'Do not verify TLS certificates')
            [CompletionResult]::new('--no-paginate', '--no-paginate', [CompletionResultType]::ParameterName, 'Make one call only; do not aggregate pages')
            [CompletionResult]::new('--no-sign-request', '--no-sign-request', [CompletionResultType]::ParameterName, 'Send unsigned requests (no credentials are loaded)')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Run against the local emulator (`codeartifact mock`) instead of AWS')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask before destructive operations')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'codeartifact;create-domain' {
            [CompletionResult]::new('--domain', '--domain', [CompletionResultType]::ParameterName, '[required] The name of the domain to create.')
            [CompletionResult]::new('--encryption-key', '--encryption-key', [CompletionResultType]::ParameterName, 'The encryption key for the domain.')
            [CompletionResult]::new('--tags', '--tags', [CompletionResultType]::ParameterName, 'One or more tag key-value pairs for the domain.')
            [CompletionResult]::new('--cli-input-json', '--cli-input-json', [CompletionResultType]::ParameterName, 'Read arguments from a JSON string (or file://PATH); options on the command line take precedence')
            [CompletionResult]::new('--generate-cli-skeleton', '--generate-cli-skeleton', [CompletionResultType]::ParameterName, 'Print a JSON skeleton of the input (or output) and exit')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Override the service''s endpoint URL')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'The output format')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A profile from the AWS config and credentials files')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The region to use')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in table output')
            [CompletionResult]::new('--ca-bundle', '--ca-bundle', [CompletionResultType]::ParameterName, 'A PEM bundle of CA certificates to trust')
            [CompletionResult]::new('--cli-read-timeout', '--cli-read-timeout', [CompletionResultType]::ParameterName, 'Socket read timeout in seconds (0: none)')
            [CompletionResult]::new('--cli-connect-timeout', '--cli-connect-timeout', [CompletionResultType]::ParameterName, 'Socket connect timeout in seconds (0: none)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Turn on debug logging (to stderr)')
            [CompletionResult]::new('--no-verify-ssl', '--no-verify-ssl', [CompletionResultType]::ParameterName, 'Do not verify TLS certificates')
            [CompletionResult]::new('--no-paginate', '--no-paginate', [CompletionResultType]::ParameterName, 'Make one call only; do not aggregate pages')
            [CompletionResult]::new('--no-sign-request', '--no-sign-request', [CompletionResultType]::ParameterName, 'Send unsigned requests (no credentials are loaded)')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Run against the local emulator (`codeartifact mock`) instead of AWS')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask before destructive operations')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'codeartifact;create-package-group' {
            [CompletionResult]::new('--domain', '--domain', [CompletionResultType]::ParameterName, '[required] The name of the domain in which you want to create a package group.')
            [CompletionResult]::new('--domain-owner', '--domain-owner', [CompletionResultType]::ParameterName, 'The 12-digit account number of the Amazon Web Services account that owns the domain.')
            [CompletionResult]::new('--package-group', '--package-group', [CompletionResultType]::ParameterName, '[required] The pattern of the package group to create.')
            [CompletionResult]::new('--contact-info', '--contact-info', [CompletionResultType]::ParameterName, 'The contact information for the created package group.')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'A description of the package group.')
            [CompletionResult]::new('--tags', '--tags', [CompletionResultType]::ParameterName, 'One or more tag key-value pairs for the package group.')
            [CompletionResult]::new('--cli-input-json', '--cli-input-json', [CompletionResultType]::ParameterName, 'Read arguments from a JSON string (or file://PATH); options on the command line take precedence')
            [CompletionResult]::new('--generate-cli-skeleton', '--generate-cli-skeleton', [CompletionResultType]::ParameterName, 'Print a JSON skeleton of the input (or output) and exit')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Override the service''s endpoint URL')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'The output format')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A profile from the AWS config and credentials files')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The region to use')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in table output')
            [CompletionResult]::new('--ca-bundle', '--ca-bundle', [CompletionResultType]::ParameterName, 'A PEM bundle of CA certificates to trust')
            [CompletionResult]::new('--cli-read-timeout', '--cli-read-timeout', [CompletionResultType]::ParameterName, 'Socket read timeout in seconds (0: none)')
            [CompletionResult]::new('--cli-connect-timeout', '--cli-connect-timeout', [CompletionResultType]::ParameterName, 'Socket connect timeout in seconds (0: none)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Turn on debug logging (to stderr)')
            [CompletionResult]::new('--no-verify-ssl', '--no-verify-ssl', [CompletionResultType]::ParameterName, 'Do not verify TLS certificates')
            [CompletionResult]::new('--no-paginate', '--no-paginate', [CompletionResultType]::ParameterName, 'Make one call only; do not aggregate pages')
            [CompletionResult]::new('--no-sign-request', '--no-sign-request', [CompletionResultType]::ParameterName, 'Send unsigned requests (no credentials are loaded)')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Run against the local emulator (`codeartifact mock`) instead of AWS')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask before destructive operations')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'codeartifact;create-repository' {
            [CompletionResult]::new('--domain', '--domain', [CompletionResultType]::ParameterName, '[required] The name of the domain that contains the created repository.')
            [CompletionResult]::new('--domain-owner', '--domain-owner', [CompletionResultType]::ParameterName, 'The 12-digit account number of the Amazon Web Services account that owns the domain.')
            [CompletionResult]::new('--repository', '--repository', [CompletionResultType]::ParameterName, '[required] The name of the repository to create.')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'A description of the created repository.')
            [CompletionResult]::new('--upstreams', '--upstreams', [CompletionResultType]::ParameterName, 'A list of upstream repositories to associate with the repository.')
            [CompletionResult]::new('--tags', '--tags', [CompletionResultType]::ParameterName, 'One or more tag key-value pairs for the repository.')
            [CompletionResult]::new('--cli-input-json', '--cli-input-json', [CompletionResultType]::ParameterName, 'Read arguments from a JSON string (or file://PATH); options on the command line take precedence')
            [CompletionResult]::new('--generate-cli-skeleton', '--generate-cli-skeleton', [CompletionResultType]::ParameterName, 'Print a JSON skeleton of the input (or output) and exit')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Override the service''s endpoint URL')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'The output format')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A profile from the AWS config and credentials files')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The region to use')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in table output')
            [CompletionResult]::new('--ca-bundle', '--ca-bundle', [CompletionResultType]::ParameterName, 'A PEM bundle of CA certificates to trust')
            [CompletionResult]::new('--cli-read-timeout', '--cli-read-timeout', [CompletionResultType]::ParameterName, 'Socket read timeout in seconds (0: none)')
            [CompletionResult]::new('--cli-connect-timeout', '--cli-connect-timeout', [CompletionResultType]::ParameterName, 'Socket connect timeout in seconds (0: none)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Turn on debug logging (to stderr)')
            [CompletionResult]::new('--no-verify-ssl', '--no-verify-ssl', [CompletionResultType]::ParameterName, 'Do not verify TLS certificates')
            [CompletionResult]::new('--no-paginate', '--no-paginate', [CompletionResultType]::ParameterName, 'Make one call only; do not aggregate pages')
            [CompletionResult]::new('--no-sign-request', '--no-sign-request', [CompletionResultType]::ParameterName, 'Send unsigned requests (no credentials are loaded)')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Run against the local emulator (`codeartifact mock`) instead of AWS')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask before destructive operations')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'codeartifact;delete-domain' {
            [CompletionResult]::new('--domain', '--domain', [CompletionResultType]::ParameterName, '[required] The name of the domain to delete.')
            [CompletionResult]::new('--domain-owner', '--domain-owner', [CompletionResultType]::ParameterName, 'The 12-digit account number of the Amazon Web Services account that owns the domain.')
            [CompletionResult]::new('--cli-input-json', '--cli-input-json', [CompletionResultType]::ParameterName, 'Read arguments from a JSON string (or file://PATH); options on the command line take precedence')
            [CompletionResult]::new('--generate-cli-skeleton', '--generate-cli-skeleton', [CompletionResultType]::ParameterName, 'Print a JSON skeleton of the input (or output) and exit')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Override the service''s endpoint URL')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'The output format')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A profile from the AWS config and credentials files')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The region to use')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in table output')
            [CompletionResult]::new('--ca-bundle', '--ca-bundle', [CompletionResultType]::ParameterName, 'A PEM bundle of CA certificates to trust')
            [CompletionResult]::new('--cli-read-timeout', '--cli-read-timeout', [CompletionResultType]::ParameterName, 'Socket read timeout in seconds (0: none)')
            [CompletionResult]::new('--cli-connect-timeout', '--cli-connect-timeout', [CompletionResultType]::ParameterName, 'Socket connect timeout in seconds (0: none)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Turn on debug logging (to stderr)')
            [CompletionResult]::new('--no-verify-ssl', '--no-verify-ssl', [CompletionResultType]::ParameterName, 'Do not verify TLS certificates')
            [CompletionResult]::new('--no-paginate', '--no-paginate', [CompletionResultType]::ParameterName, 'Make one call only; do not aggregate pages')
            [CompletionResult]::new('--no-sign-request', '--no-sign-request', [CompletionResultType]::ParameterName, 'Send unsigned requests (no credentials are loaded)')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Run against the local emulator (`codeartifact mock`) instead of AWS')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask before destructive operations')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'codeartifact;delete-domain-permissions-policy' {
            [CompletionResult]::new('--domain', '--domain', [CompletionResultType]::ParameterName, '[required] The name of the domain associated with the resource policy to be deleted.')
            [CompletionResult]::new('--domain-owner', '--domain-owner', [CompletionResultType]::ParameterName, 'The 12-digit account number of the Amazon Web Services account that owns the domain.')
            [CompletionResult]::new('--policy-revision', '--policy-revision', [CompletionResultType]::ParameterName, 'The current revision of the resource policy to be deleted.')
            [CompletionResult]::new('--cli-input-json', '--cli-input-json', [CompletionResultType]::ParameterName, 'Read arguments from a JSON string (or file://PATH); options on the command line take precedence')
            [CompletionResult]::new('--generate-cli-skeleton', '--generate-cli-skeleton', [CompletionResultType]::ParameterName, 'Print a JSON skeleton of the input (or output) and exit')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Override the service''s endpoint URL')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'The output format')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A profile from the AWS config and credentials files')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The region to use')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in table output')
            [CompletionResult]::new('--ca-bundle', '--ca-bundle', [CompletionResultType]::ParameterName, 'A PEM bundle of CA certificates to trust')
            [CompletionResult]::new('--cli-read-timeout', '--cli-read-timeout', [CompletionResultType]::ParameterName, 'Socket read timeout in seconds (0: none)')
            [CompletionResult]::new('--cli-connect-timeout', '--cli-connect-timeout', [CompletionResultType]::ParameterName, 'Socket connect timeout in seconds (0: none)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Turn on debug logging (to stderr)')
            [CompletionResult]::new('--no-verify-ssl', '--no-verify-ssl', [CompletionResultType]::ParameterName, 'Do not verify TLS certificates')
            [CompletionResult]::new('--no-paginate', '--no-paginate', [CompletionResultType]::ParameterName, 'Make one call only; do not aggregate pages')
            [CompletionResult]::new('--no-sign-request', '--no-sign-request', [CompletionResultType]::ParameterName, 'Send unsigned requests (no credentials are loaded)')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Run against the local emulator (`codeartifact mock`) instead of AWS')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask before destructive operations')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'codeartifact;delete-package' {
            [CompletionResult]::new('--domain', '--domain', [CompletionResultType]::ParameterName, '[required] The name of the domain that contains the package to delete.')
            [CompletionResult]::new('--domain-owner', '--domain-owner', [CompletionResultType]::ParameterName, 'The 12-digit account number of the Amazon Web Services account that owns the domain.')
            [CompletionResult]::new('--repository', '--repository', [CompletionResultType]::ParameterName, '[required] The name of the repository that contains the package to delete.')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, '[required] The format of the requested package to delete.')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace of the package to delete.')
            [CompletionResult]::new('--package', '--package', [CompletionResultType]::ParameterName, '[required] The name of the package to delete.')
            [CompletionResult]::new('--cli-input-json', '--cli-input-json', [CompletionResultType]::ParameterName, 'Read arguments from a JSON string (or file://PATH); options on the command line take precedence')
            [CompletionResult]::new('--generate-cli-skeleton', '--generate-cli-skeleton', [CompletionResultType]::ParameterName, 'Print a JSON skeleton of the input (or output) and exit')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Override the service''s endpoint URL')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'The output format')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A profile from the AWS config and credentials files')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The region to use')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in table output')
            [CompletionResult]::new('--ca-bundle', '--ca-bundle', [CompletionResultType]::ParameterName, 'A PEM bundle of CA certificates to trust')
            [CompletionResult]::new('--cli-read-timeout', '--cli-read-timeout', [CompletionResultType]::ParameterName, 'Socket read timeout in seconds (0: none)')
            [CompletionResult]::new('--cli-connect-timeout', '--cli-connect-timeout', [CompletionResultType]::ParameterName, 'Socket connect timeout in seconds (0: none)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Turn on debug logging (to stderr)')
            [CompletionResult]::new('--no-verify-ssl', '--no-verify-ssl', [CompletionResultType]::ParameterName, 'Do not verify TLS certificates')
            [CompletionResult]::new('--no-paginate', '--no-paginate', [CompletionResultType]::ParameterName, 'Make one call only; do not aggregate pages')
            [CompletionResult]::new('--no-sign-request', '--no-sign-request', [CompletionResultType]::ParameterName, 'Send unsigned requests (no credentials are loaded)')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Run against the local emulator (`codeartifact mock`) instead of AWS')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask before destructive operations')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'codeartifact;delete-package-group' {
            [CompletionResult]::new('--domain', '--domain', [CompletionResultType]::ParameterName, '[required] The domain that contains the package group to be deleted.')
            [CompletionResult]::new('--domain-owner', '--domain-owner', [CompletionResultType]::ParameterName, 'The 12-digit account number of the Amazon Web Services account that owns the domain.')
            [CompletionResult]::new('--package-group', '--package-group', [CompletionResultType]::ParameterName, '[required] The pattern of the package group to be deleted.')
            [CompletionResult]::new('--cli-input-json', '--cli-input-json', [CompletionResultType]::ParameterName, 'Read arguments from a JSON string (or file://PATH); options on the command line take precedence')
            [CompletionResult]::new('--generate-cli-skeleton', '--generate-cli-skeleton', [CompletionResultType]::ParameterName, 'Print a JSON skeleton of the input (or output) and exit')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Override the service''s endpoint URL')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'The output format')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A profile from the AWS config and credentials files')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The region to use')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in table output')
            [CompletionResult]::new('--ca-bundle', '--ca-bundle', [CompletionResultType]::ParameterName, 'A PEM bundle of CA certificates to trust')
            [CompletionResult]::new('--cli-read-timeout', '--cli-read-timeout', [CompletionResultType]::ParameterName, 'Socket read timeout in seconds (0: none)')
            [CompletionResult]::new('--cli-connect-timeout', '--cli-connect-timeout', [CompletionResultType]::ParameterName, 'Socket connect timeout in seconds (0: none)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Turn on debug logging (to stderr)')
            [CompletionResult]::new('--no-verify-ssl', '--no-verify-ssl', [CompletionResultType]::ParameterName, 'Do not verify TLS certificates')
            [CompletionResult]::new('--no-paginate', '--no-paginate', [CompletionResultType]::ParameterName, 'Make one call only; do not aggregate pages')
            [CompletionResult]::new('--no-sign-request', '--no-sign-request', [CompletionResultType]::ParameterName, 'Send unsigned requests (no credentials are loaded)')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Run against the local emulator (`codeartifact mock`) instead of AWS')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask before destructive operations')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'codeartifact;delete-package-versions' {
            [CompletionResult]::new('--domain', '--domain', [CompletionResultType]::ParameterName, '[required] The name of the domain that contains the package to delete.')
            [CompletionResult]::new('--domain-owner', '--domain-owner', [CompletionResultType]::ParameterName, 'The 12-digit account number of the Amazon Web Services account that owns the domain.')
            [CompletionResult]::new('--repository', '--repository', [CompletionResultType]::ParameterName, '[required] The name of the repository that contains the package versions to delete.')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, '[required] The format of the package versions to delete.')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace of the package versions to be deleted.')
            [CompletionResult]::new('--package', '--package', [CompletionResultType]::ParameterName, '[required] The name of the package with the versions to delete.')
            [CompletionResult]::new('--versions', '--versions', [CompletionResultType]::ParameterName, '[required] An array of strings that specify the versions of the package to delete.')
            [CompletionResult]::new('--expected-status', '--expected-status', [CompletionResultType]::ParameterName, 'The expected status of the package version to delete.')
            [CompletionResult]::new('--cli-input-json', '--cli-input-json', [CompletionResultType]::ParameterName, 'Read arguments from a JSON string (or file://PATH); options on the command line take precedence')
            [CompletionResult]::new('--generate-cli-skeleton', '--generate-cli-skeleton', [CompletionResultType]::ParameterName, 'Print a JSON skeleton of the input (or output) and exit')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Override the service''s endpoint URL')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'The output format')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A profile from the AWS config and credentials files')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The region to use')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in table output')
            [CompletionResult]::new('--ca-bundle', '--ca-bundle', [CompletionResultType]::ParameterName, 'A PEM bundle of CA certificates to trust')
            [CompletionResult]::new('--cli-read-timeout', '--cli-read-timeout', [CompletionResultType]::ParameterName, 'Socket read timeout in seconds (0: none)')
            [CompletionResult]::new('--cli-connect-timeout', '--cli-connect-timeout', [CompletionResultType]::ParameterName, 'Socket connect timeout in seconds (0: none)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Turn on debug logging (to stderr)')
            [CompletionResult]::new('--no-verify-ssl', '--no-verify-ssl', [CompletionResultType]::ParameterName, 'Do not verify TLS certificates')
            [CompletionResult]::new('--no-paginate', '--no-paginate', [CompletionResultType]::ParameterName, 'Make one call only; do not aggregate pages')
            [CompletionResult]::new('--no-sign-request', '--no-sign-request', [CompletionResultType]::ParameterName, 'Send unsigned requests (no credentials are loaded)')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Run against the local emulator (`codeartifact mock`) instead of AWS')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask before destructive operations')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'codeartifact;delete-repository' {
            [CompletionResult]::new('--domain', '--domain', [CompletionResultType]::ParameterName, '[required] The name of the domain that contains the repository to delete.')
            [CompletionResult]::new('--domain-owner', '--domain-owner', [CompletionResultType]::ParameterName, 'The 12-digit account number of the Amazon Web Services account that owns the domain.')
            [CompletionResult]::new('--repository', '--repository', [CompletionResultType]::ParameterName, '[required] The name of the repository to delete.')
            [CompletionResult]::new('--cli-input-json', '--cli-input-json', [CompletionResultType]::ParameterName, 'Read arguments from a JSON string (or file://PATH); options on the command line take precedence')
            [CompletionResult]::new('--generate-cli-skeleton', '--generate-cli-skeleton', [CompletionResultType]::ParameterName, 'Print a JSON skeleton of the input (or output) and exit')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Override the service''s endpoint URL')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'The output format')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A profile from the AWS config and credentials files')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The region to use')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in table output')
            [CompletionResult]::new('--ca-bundle', '--ca-bundle', [CompletionResultType]::ParameterName, 'A PEM bundle of CA certificates to trust')
            [CompletionResult]::new('--cli-read-timeout', '--cli-read-timeout', [CompletionResultType]::ParameterName, 'Socket read timeout in seconds (0: none)')
            [CompletionResult]::new('--cli-connect-timeout', '--cli-connect-timeout', [CompletionResultType]::ParameterName, 'Socket connect timeout in seconds (0: none)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Turn on debug logging (to stderr)')
            [CompletionResult]::new('--no-verify-ssl', '--no-verify-ssl', [CompletionResultType]::ParameterName, 'Do not verify TLS certificates')
            [CompletionResult]::new('--no-paginate', '--no-paginate', [CompletionResultType]::ParameterName, 'Make one call only; do not aggregate pages')
            [CompletionResult]::new('--no-sign-request', '--no-sign-request', [CompletionResultType]::ParameterName, 'Send unsigned requests (no credentials are loaded)')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Run against the local emulator (`codeartifact mock`) instead of AWS')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask before destructive operations')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'codeartifact;delete-repository-permissions-policy' {
            [CompletionResult]::new('--domain', '--domain', [CompletionResultType]::ParameterName, '[required] The name of the domain that contains the repository associated with the resource policy to be deleted.')
            [CompletionResult]::new('--domain-owner', '--domain-owner', [CompletionResultType]::ParameterName, 'The 12-digit account number of the Amazon Web Services account that owns the domain.')
            [CompletionResult]::new('--repository', '--repository', [CompletionResultType]::ParameterName, '[required] The name of the repository that is associated with the resource policy to be deleted')
            [CompletionResult]::new('--policy-revision', '--policy-revision', [CompletionResultType]::ParameterName, 'The revision of the repository''s resource policy to be deleted.')
            [CompletionResult]::new('--cli-input-json', '--cli-input-json', [CompletionResultType]::ParameterName, 'Read arguments from a JSON string (or file://PATH); options on the command line take precedence')
            [CompletionResult]::new('--generate-cli-skeleton', '--generate-cli-skeleton', [CompletionResultType]::ParameterName, 'Print a JSON skeleton of the input (or output) and exit')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Override the service''s endpoint URL')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'The output format')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A profile from the AWS config and credentials files')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The region to use')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in table output')
            [CompletionResult]::new('--ca-bundle', '--ca-bundle', [CompletionResultType]::ParameterName, 'A PEM bundle of CA certificates to trust')
            [CompletionResult]::new('--cli-read-timeout', '--cli-read-timeout', [CompletionResultType]::ParameterName, 'Socket read timeout in seconds (0: none)')
            [CompletionResult]::new('--cli-connect-timeout', '--cli-connect-timeout', [CompletionResultType]::ParameterName, 'Socket connect timeout in seconds (0: none)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Turn on debug logging (to stderr)')
            [CompletionResult]::new('--no-verify-ssl', '--no-verify-ssl', [CompletionResultType]::ParameterName, 'Do not verify TLS certificates')
            [CompletionResult]::new('--no-paginate', '--no-paginate', [CompletionResultType]::ParameterName, 'Make one call only; do not aggregate pages')
            [CompletionResult]::new('--no-sign-request', '--no-sign-request', [CompletionResultType]::ParameterName, 'Send unsigned requests (no credentials are loaded)')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Run against the local emulator (`codeartifact mock`) instead of AWS')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask before destructive operations')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'codeartifact;describe-domain' {
            [CompletionResult]::new('--domain', '--domain', [CompletionResultType]::ParameterName, '[required] A string that specifies the name of the requested domain.')
            [CompletionResult]::new('--domain-owner', '--domain-owner', [CompletionResultType]::ParameterName, 'The 12-digit account number of the Amazon Web Services account that owns the domain.')
            [CompletionResult]::new('--cli-input-json', '--cli-input-json', [CompletionResultType]::ParameterName, 'Read arguments from a JSON string (or file://PATH); options on the command line take precedence')
            [CompletionResult]::new('--generate-cli-skeleton', '--generate-cli-skeleton', [CompletionResultType]::ParameterName, 'Print a JSON skeleton of the input (or output) and exit')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Override the service''s endpoint URL')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'The output format')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A profile from the AWS config and credentials files')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The region to use')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in table output')
            [CompletionResult]::new('--ca-bundle', '--ca-bundle', [CompletionResultType]::ParameterName, 'A PEM bundle of CA certificates to trust')
            [CompletionResult]::new('--cli-read-timeout', '--cli-read-timeout', [CompletionResultType]::ParameterName, 'Socket read timeout in seconds (0: none)')
            [CompletionResult]::new('--cli-connect-timeout', '--cli-connect-timeout', [CompletionResultType]::ParameterName, 'Socket connect timeout in seconds (0: none)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Turn on debug logging (to stderr)')
            [CompletionResult]::new('--no-verify-ssl', '--no-verify-ssl', [CompletionResultType]::ParameterName, 'Do not verify TLS certificates')
            [CompletionResult]::new('--no-paginate', '--no-paginate', [CompletionResultType]::ParameterName, 'Make one call only; do not aggregate pages')
            [CompletionResult]::new('--no-sign-request', '--no-sign-request', [CompletionResultType]::ParameterName, 'Send unsigned requests (no credentials are loaded)')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Run against the local emulator (`codeartifact mock`) instead of AWS')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask before destructive operations')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'codeartifact;describe-package' {
            [CompletionResult]::new('--domain', '--domain', [CompletionResultType]::ParameterName, '[required] The name of the domain that contains the repository that contains the package.')
            [CompletionResult]::new('--domain-owner', '--domain-owner', [CompletionResultType]::ParameterName, 'The 12-digit account number of the Amazon Web Services account that owns the domain.')
            [CompletionResult]::new('--repository', '--repository', [CompletionResultType]::ParameterName, '[required] The name of the repository that contains the requested package.')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, '[required] A format that specifies the type of the requested package.')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace of the requested package.')
            [CompletionResult]::new('--package', '--package', [CompletionResultType]::ParameterName, '[required] The name of the requested package.')
            [CompletionResult]::new('--cli-input-json', '--cli-input-json', [CompletionResultType]::ParameterName, 'Read arguments from a JSON string (or file://PATH); options on the command line take precedence')
            [CompletionResult]::new('--generate-cli-skeleton', '--generate-cli-skeleton', [CompletionResultType]::ParameterName, 'Print a JSON skeleton of the input (or output) and exit')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Override the service''s endpoint URL')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'The output format')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A profile from the AWS config and credentials files')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The region to use')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in table output')
            [CompletionResult]::new('--ca-bundle', '--ca-bundle', [CompletionResultType]::ParameterName, 'A PEM bundle of CA certificates to trust')
            [CompletionResult]::new('--cli-read-timeout', '--cli-read-timeout', [CompletionResultType]::ParameterName, 'Socket read timeout in seconds (0: none)')
            [CompletionResult]::new('--cli-connect-timeout', '--cli-connect-timeout', [CompletionResultType]::ParameterName, 'Socket connect timeout in seconds (0: none)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Turn on debug logging (to stderr)')
            [CompletionResult]::new('--no-verify-ssl', '--no-verify-ssl', [CompletionResultType]::ParameterName, 'Do not verify TLS certificates')
            [CompletionResult]::new('--no-paginate', '--no-paginate', [CompletionResultType]::ParameterName, 'Make one call only; do not aggregate pages')
            [CompletionResult]::new('--no-sign-request', '--no-sign-request', [CompletionResultType]::ParameterName, 'Send unsigned requests (no credentials are loaded)')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Run against the local emulator (`codeartifact mock`) instead of AWS')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask before destructive operations')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'codeartifact;describe-package-group' {
            [CompletionResult]::new('--domain', '--domain', [CompletionResultType]::ParameterName, '[required] The name of the domain that contains the package group.')
            [CompletionResult]::new('--domain-owner', '--domain-owner', [CompletionResultType]::ParameterName, 'The 12-digit account number of the Amazon Web Services account that owns the domain.')
            [CompletionResult]::new('--package-group', '--package-group', [CompletionResultType]::ParameterName, '[required] The pattern of the requested package group.')
            [CompletionResult]::new('--cli-input-json', '--cli-input-json', [CompletionResultType]::ParameterName, 'Read arguments from a JSON string (or file://PATH); options on the command line take precedence')
            [CompletionResult]::new('--generate-cli-skeleton', '--generate-cli-skeleton', [CompletionResultType]::ParameterName, 'Print a JSON skeleton of the input (or output) and exit')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Override the service''s endpoint URL')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'The output format')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A profile from the AWS config and credentials files')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The region to use')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in table output')
            [CompletionResult]::new('--ca-bundle', '--ca-bundle', [CompletionResultType]::ParameterName, 'A PEM bundle of CA certificates to trust')
            [CompletionResult]::new('--cli-read-timeout', '--cli-read-timeout', [CompletionResultType]::ParameterName, 'Socket read timeout in seconds (0: none)')
            [CompletionResult]::new('--cli-connect-timeout', '--cli-connect-timeout', [CompletionResultType]::ParameterName, 'Socket connect timeout in seconds (0: none)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Turn on debug logging (to stderr)')
            [CompletionResult]::new('--no-verify-ssl', '--no-verify-ssl', [CompletionResultType]::ParameterName, 'Do not verify TLS certificates')
            [CompletionResult]::new('--no-paginate', '--no-paginate', [CompletionResultType]::ParameterName, 'Make one call only; do not aggregate pages')
            [CompletionResult]::new('--no-sign-request', '--no-sign-request', [CompletionResultType]::ParameterName, 'Send unsigned requests (no credentials are loaded)')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Run against the local emulator (`codeartifact mock`) instead of AWS')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask before destructive operations')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'codeartifact;describe-package-version' {
            [CompletionResult]::new('--domain', '--domain', [CompletionResultType]::ParameterName, '[required] The name of the domain that contains the repository that contains the package version.')
            [CompletionResult]::new('--domain-owner', '--domain-owner', [CompletionResultType]::ParameterName, 'The 12-digit account number of the Amazon Web Services account that owns the domain.')
            [CompletionResult]::new('--repository', '--repository', [CompletionResultType]::ParameterName, '[required] The name of the repository that contains the package version.')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, '[required] A format that specifies the type of the requested package version.')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace of the requested package version.')
            [CompletionResult]::new('--package', '--package', [CompletionResultType]::ParameterName, '[required] The name of the requested package version.')
            [CompletionResult]::new('--package-version', '--package-version', [CompletionResultType]::ParameterName, '[required] A string that contains the package version (for example, 3.5.2 ).')
            [CompletionResult]::new('--cli-input-json', '--cli-input-json', [CompletionResultType]::ParameterName, 'Read arguments from a JSON string (or file://PATH); options on the command line take precedence')
            [CompletionResult]::new('--generate-cli-skeleton', '--generate-cli-skeleton', [CompletionResultType]::ParameterName, 'Print a JSON skeleton of the input (or output) and exit')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Override the service''s endpoint URL')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'The output format')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A profile from the AWS config and credentials files')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The region to use')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in table output')
            [CompletionResult]::new('--ca-bundle', '--ca-bundle', [CompletionResultType]::ParameterName, 'A PEM bundle of CA certificates to trust')
            [CompletionResult]::new('--cli-read-timeout', '--cli-read-timeout', [CompletionResultType]::ParameterName, 'Socket read timeout in seconds (0: none)')
            [CompletionResult]::new('--cli-connect-timeout', '--cli-connect-timeout', [CompletionResultType]::ParameterName, 'Socket connect timeout in seconds (0: none)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Turn on debug logging (to stderr)')
            [CompletionResult]::new('--no-verify-ssl', '--no-verify-ssl', [CompletionResultType]::ParameterName, 'Do not verify TLS certificates')
            [CompletionResult]::new('--no-paginate', '--no-paginate', [CompletionResultType]::ParameterName, 'Make one call only; do not aggregate pages')
            [CompletionResult]::new('--no-sign-request', '--no-sign-request', [CompletionResultType]::ParameterName, 'Send unsigned requests (no credentials are loaded)')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Run against the local emulator (`codeartifact mock`) instead of AWS')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask before destructive operations')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'codeartifact;describe-repository' {
            [CompletionResult]::new('--domain', '--domain', [CompletionResultType]::ParameterName, '[required] The name of the domain that contains the repository to describe.')
            [CompletionResult]::new('--domain-owner', '--domain-owner', [CompletionResultType]::ParameterName, 'The 12-digit account number of the Amazon Web Services account that owns the domain.')
            [CompletionResult]::new('--repository', '--repository', [CompletionResultType]::ParameterName, '[required] A string that specifies the name of the requested repository.')
            [CompletionResult]::new('--cli-input-json', '--cli-input-json', [CompletionResultType]::ParameterName, 'Read arguments from a JSON string (or file://PATH); options on the command line take precedence')
            [CompletionResult]::new('--generate-cli-skeleton', '--generate-cli-skeleton', [CompletionResultType]::ParameterName, 'Print a JSON skeleton of the input (or output) and exit')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Override the service''s endpoint URL')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'The output format')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A profile from the AWS config and credentials files')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The region to use')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in table output')
            [CompletionResult]::new('--ca-bundle', '--ca-bundle', [CompletionResultType]::ParameterName, 'A PEM bundle of CA certificates to trust')
            [CompletionResult]::new('--cli-read-timeout', '--cli-read-timeout', [CompletionResultType]::ParameterName, 'Socket read timeout in seconds (0: none)')
            [CompletionResult]::new('--cli-connect-timeout', '--cli-connect-timeout', [CompletionResultType]::ParameterName, 'Socket connect timeout in seconds (0: none)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Turn on debug logging (to stderr)')
            [CompletionResult]::new('--no-verify-ssl', '--no-verify-ssl', [CompletionResultType]::ParameterName, 'Do not verify TLS certificates')
            [CompletionResult]::new('--no-paginate', '--no-paginate', [CompletionResultType]::ParameterName, 'Make one call only; do not aggregate pages')
            [CompletionResult]::new('--no-sign-request', '--no-sign-request', [CompletionResultType]::ParameterName, 'Send unsigned requests (no credentials are loaded)')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Run against the local emulator (`codeartifact mock`) instead of AWS')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask before destructive operations')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'codeartifact;disassociate-external-connection' {
            [CompletionResult]::new('--domain', '--domain', [CompletionResultType]::ParameterName, '[required] The name of the domain that contains the repository from which to remove the external repository.')
            [CompletionResult]::new('--domain-owner', '--domain-owner', [CompletionResultType]::ParameterName, 'The 12-digit account number of the Amazon Web Services account that owns the domain.')
            [CompletionResult]::new('--repository', '--repository', [CompletionResultType]::ParameterName, '[required] The name of the repository from which the external connection will be removed.')
            [CompletionResult]::new('--external-connection', '--external-connection', [CompletionResultType]::ParameterName, '[required] The name of the external connection to be removed from the repository.')
            [CompletionResult]::new('--cli-input-json', '--cli-input-json', [CompletionResultType]::ParameterName, 'Read arguments from a JSON string (or file://PATH); options on the command line take precedence')
            [CompletionResult]::new('--generate-cli-skeleton', '--generate-cli-skeleton', [CompletionResultType]::ParameterName, 'Print a JSON skeleton of the input (or output) and exit')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Override the service''s endpoint URL')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'The output format')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A profile from the AWS config and credentials files')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The region to use')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in table output')
            [CompletionResult]::new('--ca-bundle', '--ca-bundle', [CompletionResultType]::ParameterName, 'A PEM bundle of CA certificates to trust')
            [CompletionResult]::new('--cli-read-timeout', '--cli-read-timeout', [CompletionResultType]::ParameterName, 'Socket read timeout in seconds (0: none)')
            [CompletionResult]::new('--cli-connect-timeout', '--cli-connect-timeout', [CompletionResultType]::ParameterName, 'Socket connect timeout in seconds (0: none)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Turn on debug logging (to stderr)')
            [CompletionResult]::new('--no-verify-ssl', '--no-verify-ssl', [CompletionResultType]::ParameterName, 'Do not verify TLS certificates')
            [CompletionResult]::new('--no-paginate', '--no-paginate', [CompletionResultType]::ParameterName, 'Make one call only; do not aggregate pages')
            [CompletionResult]::new('--no-sign-request', '--no-sign-request', [CompletionResultType]::ParameterName, 'Send unsigned requests (no credentials are loaded)')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Run against the local emulator (`codeartifact mock`) instead of AWS')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask before destructive operations')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'codeartifact;dispose-package-versions' {
            [CompletionResult]::new('--domain', '--domain', [CompletionResultType]::ParameterName, '[required] The name of the domain that contains the repository you want to dispose.')
            [CompletionResult]::new('--domain-owner', '--domain-owner', [CompletionResultType]::ParameterName, 'The 12-digit account number of the Amazon Web Services account that owns the domain.')
            [CompletionResult]::new('--repository', '--repository', [CompletionResultType]::ParameterName, '[required] The name of the repository that contains the package versions you want to dispose.')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, '[required] A format that specifies the type of package versions you want to dispose.')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace of the package versions to be disposed.')
            [CompletionResult]::new('--package', '--package', [CompletionResultType]::ParameterName, '[required] The name of the package with the versions you want to dispose.')
            [CompletionResult]::new('--versions', '--versions', [CompletionResultType]::ParameterName, '[required] The versions of the package you want to dispose.')
            [CompletionResult]::new('--version-revisions', '--version-revisions', [CompletionResultType]::ParameterName, 'The revisions of the package versions you want to dispose.')
            [CompletionResult]::new('--expected-status', '--expected-status', [CompletionResultType]::ParameterName, 'The expected status of the package version to dispose.')
            [CompletionResult]::new('--cli-input-json', '--cli-input-json', [CompletionResultType]::ParameterName, 'Read arguments from a JSON string (or file://PATH); options on the command line take precedence')
            [CompletionResult]::new('--generate-cli-skeleton', '--generate-cli-skeleton', [CompletionResultType]::ParameterName, 'Print a JSON skeleton of the input (or output) and exit')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Override the service''s endpoint URL')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'The output format')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A profile from the AWS config and credentials files')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The region to use')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in table output')
            [CompletionResult]::new('--ca-bundle', '--ca-bundle', [CompletionResultType]::ParameterName, 'A PEM bundle of CA certificates to trust')
            [CompletionResult]::new('--cli-read-timeout', '--cli-read-timeout', [CompletionResultType]::ParameterName, 'Socket read timeout in seconds (0: none)')
            [CompletionResult]::new('--cli-connect-timeout', '--cli-connect-timeout', [CompletionResultType]::ParameterName, 'Socket connect timeout in seconds (0: none)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Turn on debug logging (to stderr)')
            [CompletionResult]::new('--no-verify-ssl', '--no-verify-ssl', [CompletionResultType]::ParameterName, 'Do not verify TLS certificates')
            [CompletionResult]::new('--no-paginate', '--no-paginate', [CompletionResultType]::ParameterName, 'Make one call only; do not aggregate pages')
            [CompletionResult]::new('--no-sign-request', '--no-sign-request', [CompletionResultType]::ParameterName, 'Send unsigned requests (no credentials are loaded)')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Run against the local emulator (`codeartifact mock`) instead of AWS')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask before destructive operations')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'codeartifact;get-associated-package-group' {
            [CompletionResult]::new('--domain', '--domain', [CompletionResultType]::ParameterName, '[required] The name of the domain that contains the package from which to get the associated package group.')
            [CompletionResult]::new('--domain-owner', '--domain-owner', [CompletionResultType]::ParameterName, 'The 12-digit account number of the Amazon Web Services account that owns the domain.')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, '[required] The format of the package from which to get the associated package group.')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace of the package from which to get the associated package group.')
            [CompletionResult]::new('--package', '--package', [CompletionResultType]::ParameterName, '[required] The package from which to get the associated package group.')
            [CompletionResult]::new('--cli-input-json', '--cli-input-json', [CompletionResultType]::ParameterName, 'Read arguments from a JSON string (or file://PATH); options on the command line take precedence')
            [CompletionResult]::new('--generate-cli-skeleton', '--generate-cli-skeleton', [CompletionResultType]::ParameterName, 'Print a JSON skeleton of the input (or output) and exit')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Override the service''s endpoint URL')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'The output format')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A profile from the AWS config and credentials files')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The region to use')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in table output')
            [CompletionResult]::new('--ca-bundle', '--ca-bundle', [CompletionResultType]::ParameterName, 'A PEM bundle of CA certificates to trust')
            [CompletionResult]::new('--cli-read-timeout', '--cli-read-timeout', [CompletionResultType]::ParameterName, 'Socket read timeout in seconds (0: none)')
            [CompletionResult]::new('--cli-connect-timeout', '--cli-connect-timeout', [CompletionResultType]::ParameterName, 'Socket connect timeout in seconds (0: none)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Turn on debug logging (to stderr)')
            [CompletionResult]::new('--no-verify-ssl', '--no-verify-ssl', [CompletionResultType]::ParameterName, 'Do not verify TLS certificates')
            [CompletionResult]::new('--no-paginate', '--no-paginate', [CompletionResultType]::ParameterName, 'Make one call only; do not aggregate pages')
            [CompletionResult]::new('--no-sign-request', '--no-sign-request', [CompletionResultType]::ParameterName, 'Send unsigned requests (no credentials are loaded)')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Run against the local emulator (`codeartifact mock`) instead of AWS')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask before destructive operations')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'codeartifact;get-authorization-token' {
            [CompletionResult]::new('--domain', '--domain', [CompletionResultType]::ParameterName, '[required] The name of the domain that is in scope for the generated authorization token.')
            [CompletionResult]::new('--domain-owner', '--domain-owner', [CompletionResultType]::ParameterName, 'The 12-digit account number of the Amazon Web Services account that owns the domain.')
            [CompletionResult]::new('--duration-seconds', '--duration-seconds', [CompletionResultType]::ParameterName, 'The time, in seconds, that the generated authorization token is valid.')
            [CompletionResult]::new('--cli-input-json', '--cli-input-json', [CompletionResultType]::ParameterName, 'Read arguments from a JSON string (or file://PATH); options on the command line take precedence')
            [CompletionResult]::new('--generate-cli-skeleton', '--generate-cli-skeleton', [CompletionResultType]::ParameterName, 'Print a JSON skeleton of the input (or output) and exit')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Override the service''s endpoint URL')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'The output format')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A profile from the AWS config and credentials files')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The region to use')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in table output')
            [CompletionResult]::new('--ca-bundle', '--ca-bundle', [CompletionResultType]::ParameterName, 'A PEM bundle of CA certificates to trust')
            [CompletionResult]::new('--cli-read-timeout', '--cli-read-timeout', [CompletionResultType]::ParameterName, 'Socket read timeout in seconds (0: none)')
            [CompletionResult]::new('--cli-connect-timeout', '--cli-connect-timeout', [CompletionResultType]::ParameterName, 'Socket connect timeout in seconds (0: none)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Turn on debug logging (to stderr)')
            [CompletionResult]::new('--no-verify-ssl', '--no-verify-ssl', [CompletionResultType]::ParameterName, 'Do not verify TLS certificates')
            [CompletionResult]::new('--no-paginate', '--no-paginate', [CompletionResultType]::ParameterName, 'Make one call only; do not aggregate pages')
            [CompletionResult]::new('--no-sign-request', '--no-sign-request', [CompletionResultType]::ParameterName, 'Send unsigned requests (no credentials are loaded)')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Run against the local emulator (`codeartifact mock`) instead of AWS')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask before destructive operations')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'codeartifact;get-domain-permissions-policy' {
            [CompletionResult]::new('--domain', '--domain', [CompletionResultType]::ParameterName, '[required] The name of the domain to which the resource policy is attached.')
            [CompletionResult]::new('--domain-owner', '--domain-owner', [CompletionResultType]::ParameterName, 'The 12-digit account number of the Amazon Web Services account that owns the domain.')
            [CompletionResult]::new('--cli-input-json', '--cli-input-json', [CompletionResultType]::ParameterName, 'Read arguments from a JSON string (or file://PATH); options on the command line take precedence')
            [CompletionResult]::new('--generate-cli-skeleton', '--generate-cli-skeleton', [CompletionResultType]::ParameterName, 'Print a JSON skeleton of the input (or output) and exit')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Override the service''s endpoint URL')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'The output format')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A profile from the AWS config and credentials files')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The region to use')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in table output')
            [CompletionResult]::new('--ca-bundle', '--ca-bundle', [CompletionResultType]::ParameterName, 'A PEM bundle of CA certificates to trust')
            [CompletionResult]::new('--cli-read-timeout', '--cli-read-timeout', [CompletionResultType]::ParameterName, 'Socket read timeout in seconds (0: none)')
            [CompletionResult]::new('--cli-connect-timeout', '--cli-connect-timeout', [CompletionResultType]::ParameterName, 'Socket connect timeout in seconds (0: none)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Turn on debug logging (to stderr)')
            [CompletionResult]::new('--no-verify-ssl', '--no-verify-ssl', [CompletionResultType]::ParameterName, 'Do not verify TLS certificates')
            [CompletionResult]::new('--no-paginate', '--no-paginate', [CompletionResultType]::ParameterName, 'Make one call only; do not aggregate pages')
            [CompletionResult]::new('--no-sign-request', '--no-sign-request', [CompletionResultType]::ParameterName, 'Send unsigned requests (no credentials are loaded)')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Run against the local emulator (`codeartifact mock`) instead of AWS')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask before destructive operations')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'codeartifact;get-package-version-asset' {
            [CompletionResult]::new('--domain', '--domain', [CompletionResultType]::ParameterName, '[required] The name of the domain that contains the repository that contains the package version with the requested asset.')
            [CompletionResult]::new('--domain-owner', '--domain-owner', [CompletionResultType]::ParameterName, 'The 12-digit account number of the Amazon Web Services account that owns the domain.')
            [CompletionResult]::new('--repository', '--repository', [CompletionResultType]::ParameterName, '[required] The repository that contains the package version with the requested asset.')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, '[required] A format that specifies the type of the package version with the requested asset file.')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace of the package version with the requested asset file.')
            [CompletionResult]::new('--package', '--package', [CompletionResultType]::ParameterName, '[required] The name of the package that contains the requested asset.')
            [CompletionResult]::new('--package-version', '--package-version', [CompletionResultType]::ParameterName, '[required] A string that contains the package version (for example, 3.5.2 ).')
            [CompletionResult]::new('--asset', '--asset', [CompletionResultType]::ParameterName, '[required] The name of the requested asset.')
            [CompletionResult]::new('--package-version-revision', '--package-version-revision', [CompletionResultType]::ParameterName, 'The name of the package version revision that contains the requested asset.')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Override the service''s endpoint URL')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'The output format')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A profile from the AWS config and credentials files')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The region to use')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in table output')
            [CompletionResult]::new('--ca-bundle', '--ca-bundle', [CompletionResultType]::ParameterName, 'A PEM bundle of CA certificates to trust')
            [CompletionResult]::new('--cli-read-timeout', '--cli-read-timeout', [CompletionResultType]::ParameterName, 'Socket read timeout in seconds (0: none)')
            [CompletionResult]::new('--cli-connect-timeout', '--cli-connect-timeout', [CompletionResultType]::ParameterName, 'Socket connect timeout in seconds (0: none)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Turn on debug logging (to stderr)')
            [CompletionResult]::new('--no-verify-ssl', '--no-verify-ssl', [CompletionResultType]::ParameterName, 'Do not verify TLS certificates')
            [CompletionResult]::new('--no-paginate', '--no-paginate', [CompletionResultType]::ParameterName, 'Make one call only; do not aggregate pages')
            [CompletionResult]::new('--no-sign-request', '--no-sign-request', [CompletionResultType]::ParameterName, 'Send unsigned requests (no credentials are loaded)')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Run against the local emulator (`codeartifact mock`) instead of AWS')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask before destructive operations')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'codeartifact;get-package-version-readme' {
            [CompletionResult]::new('--domain', '--domain', [CompletionResultType]::ParameterName, '[required] The name of the domain that contains the repository that contains the package version with the requested readme file.')
            [CompletionResult]::new('--domain-owner', '--domain-owner', [CompletionResultType]::ParameterName, 'The 12-digit account number of the Amazon Web Services account that owns the domain.')
            [CompletionResult]::new('--repository', '--repository', [CompletionResultType]::ParameterName, '[required] The repository that contains the package with the requested readme file.')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, '[required] A format that specifies the type of the package version with the requested readme file.')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace of the package version with the requested readme file.')
            [CompletionResult]::new('--package', '--package', [CompletionResultType]::ParameterName, '[required] The name of the package version that contains the requested readme file.')
            [CompletionResult]::new('--package-version', '--package-version', [CompletionResultType]::ParameterName, '[required] A string that contains the package version (for example, 3.5.2 ).')
            [CompletionResult]::new('--cli-input-json', '--cli-input-json', [CompletionResultType]::ParameterName, 'Read arguments from a JSON string (or file://PATH); options on the command line take precedence')
            [CompletionResult]::new('--generate-cli-skeleton', '--generate-cli-skeleton', [CompletionResultType]::ParameterName, 'Print a JSON skeleton of the input (or output) and exit')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Override the service''s endpoint URL')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'The output format')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A profile from the AWS config and credentials files')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The region to use')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in table output')
            [CompletionResult]::new('--ca-bundle', '--ca-bundle', [CompletionResultType]::ParameterName, 'A PEM bundle of CA certificates to trust')
            [CompletionResult]::new('--cli-read-timeout', '--cli-read-timeout', [CompletionResultType]::ParameterName, 'Socket read timeout in seconds (0: none)')
            [CompletionResult]::new('--cli-connect-timeout', '--cli-connect-timeout', [CompletionResultType]::ParameterName, 'Socket connect timeout in seconds (0: none)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Turn on debug logging (to stderr)')
            [CompletionResult]::new('--no-verify-ssl', '--no-verify-ssl', [CompletionResultType]::ParameterName, 'Do not verify TLS certificates')
            [CompletionResult]::new('--no-paginate', '--no-paginate', [CompletionResultType]::ParameterName, 'Make one call only; do not aggregate pages')
            [CompletionResult]::new('--no-sign-request', '--no-sign-request', [CompletionResultType]::ParameterName, 'Send unsigned requests (no credentials are loaded)')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Run against the local emulator (`codeartifact mock`) instead of AWS')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask before destructive operations')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'codeartifact;get-repository-endpoint' {
            [CompletionResult]::new('--domain', '--domain', [CompletionResultType]::ParameterName, '[required] The name of the domain that contains the repository.')
            [CompletionResult]::new('--domain-owner', '--domain-owner', [CompletionResultType]::ParameterName, 'The 12-digit account number of the Amazon Web Services account that owns the domain that contains the repository.')
            [CompletionResult]::new('--repository', '--repository', [CompletionResultType]::ParameterName, '[required] The name of the repository.')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, '[required] Returns which endpoint of a repository to return.')
            [CompletionResult]::new('--endpoint-type', '--endpoint-type', [CompletionResultType]::ParameterName, 'A string that specifies the type of endpoint.')
            [CompletionResult]::new('--cli-input-json', '--cli-input-json', [CompletionResultType]::ParameterName, 'Read arguments from a JSON string (or file://PATH); options on the command line take precedence')
            [CompletionResult]::new('--generate-cli-skeleton', '--generate-cli-skeleton', [CompletionResultType]::ParameterName, 'Print a JSON skeleton of the input (or output) and exit')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Override the service''s endpoint URL')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'The output format')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A profile from the AWS config and credentials files')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The region to use')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in table output')
            [CompletionResult]::new('--ca-bundle', '--ca-bundle', [CompletionResultType]::ParameterName, 'A PEM bundle of CA certificates to trust')
            [CompletionResult]::new('--cli-read-timeout', '--cli-read-timeout', [CompletionResultType]::ParameterName, 'Socket read timeout in seconds (0: none)')
            [CompletionResult]::new('--cli-connect-timeout', '--cli-connect-timeout', [CompletionResultType]::ParameterName, 'Socket connect timeout in seconds (0: none)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Turn on debug logging (to stderr)')
            [CompletionResult]::new('--no-verify-ssl', '--no-verify-ssl', [CompletionResultType]::ParameterName, 'Do not verify TLS certificates')
            [CompletionResult]::new('--no-paginate', '--no-paginate', [CompletionResultType]::ParameterName, 'Make one call only; do not aggregate pages')
            [CompletionResult]::new('--no-sign-request', '--no-sign-request', [CompletionResultType]::ParameterName, 'Send unsigned requests (no credentials are loaded)')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Run against the local emulator (`codeartifact mock`) instead of AWS')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask before destructive operations')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'codeartifact;get-repository-permissions-policy' {
            [CompletionResult]::new('--domain', '--domain', [CompletionResultType]::ParameterName, '[required] The name of the domain containing the repository whose associated resource policy is to be retrieved.')
            [CompletionResult]::new('--domain-owner', '--domain-owner', [CompletionResultType]::ParameterName, 'The 12-digit account number of the Amazon Web Services account that owns the domain.')
            [CompletionResult]::new('--repository', '--repository', [CompletionResultType]::ParameterName, '[required] The name of the repository whose associated resource policy is to be retrieved.')
            [CompletionResult]::new('--cli-input-json', '--cli-input-json', [CompletionResultType]::ParameterName, 'Read arguments from a JSON string (or file://PATH); options on the command line take precedence')
            [CompletionResult]::new('--generate-cli-skeleton', '--generate-cli-skeleton', [CompletionResultType]::ParameterName, 'Print a JSON skeleton of the input (or output) and exit')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Override the service''s endpoint URL')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'The output format')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A profile from the AWS config and credentials files')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The region to use')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in table output')
            [CompletionResult]::new('--ca-bundle', '--ca-bundle', [CompletionResultType]::ParameterName, 'A PEM bundle of CA certificates to trust')
            [CompletionResult]::new('--cli-read-timeout', '--cli-read-timeout', [CompletionResultType]::ParameterName, 'Socket read timeout in seconds (0: none)')
            [CompletionResult]::new('--cli-connect-timeout', '--cli-connect-timeout', [CompletionResultType]::ParameterName, 'Socket connect timeout in seconds (0: none)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Turn on debug logging (to stderr)')
            [CompletionResult]::new('--no-verify-ssl', '--no-verify-ssl', [CompletionResultType]::ParameterName, 'Do not verify TLS certificates')
            [CompletionResult]::new('--no-paginate', '--no-paginate', [CompletionResultType]::ParameterName, 'Make one call only; do not aggregate pages')
            [CompletionResult]::new('--no-sign-request', '--no-sign-request', [CompletionResultType]::ParameterName, 'Send unsigned requests (no credentials are loaded)')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Run against the local emulator (`codeartifact mock`) instead of AWS')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask before destructive operations')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'codeartifact;list-allowed-repositories-for-group' {
            [CompletionResult]::new('--domain', '--domain', [CompletionResultType]::ParameterName, '[required] The name of the domain that contains the package group from which to list allowed repositories.')
            [CompletionResult]::new('--domain-owner', '--domain-owner', [CompletionResultType]::ParameterName, 'The 12-digit account number of the Amazon Web Services account that owns the domain.')
            [CompletionResult]::new('--package-group', '--package-group', [CompletionResultType]::ParameterName, '[required] The pattern of the package group from which to list allowed repositories.')
            [CompletionResult]::new('--origin-restriction-type', '--origin-restriction-type', [CompletionResultType]::ParameterName, '[required] The origin configuration restriction type of which to list allowed repositories.')
            [CompletionResult]::new('--max-results', '--max-results', [CompletionResultType]::ParameterName, 'The maximum number of results to return per page.')
            [CompletionResult]::new('--next-token', '--next-token', [CompletionResultType]::ParameterName, 'The token for the next set of results.')
            [CompletionResult]::new('--starting-token', '--starting-token', [CompletionResultType]::ParameterName, 'A token to start paginating from: the NextToken of a previously truncated response')
            [CompletionResult]::new('--page-size', '--page-size', [CompletionResultType]::ParameterName, 'The size of each page fetched from the service (does not change the output)')
            [CompletionResult]::new('--max-items', '--max-items', [CompletionResultType]::ParameterName, 'The total number of items to print; a NextToken is printed when there are more')
            [CompletionResult]::new('--cli-input-json', '--cli-input-json', [CompletionResultType]::ParameterName, 'Read arguments from a JSON string (or file://PATH); options on the command line take precedence')
            [CompletionResult]::new('--generate-cli-skeleton', '--generate-cli-skeleton', [CompletionResultType]::ParameterName, 'Print a JSON skeleton of the input (or output) and exit')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Override the service''s endpoint URL')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'The output format')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A profile from the AWS config and credentials files')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The region to use')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in table output')
            [CompletionResult]::new('--ca-bundle', '--ca-bundle', [CompletionResultType]::ParameterName, 'A PEM bundle of CA certificates to trust')
            [CompletionResult]::new('--cli-read-timeout', '--cli-read-timeout', [CompletionResultType]::ParameterName, 'Socket read timeout in seconds (0: none)')
            [CompletionResult]::new('--cli-connect-timeout', '--cli-connect-timeout', [CompletionResultType]::ParameterName, 'Socket connect timeout in seconds (0: none)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Turn on debug logging (to stderr)')
            [CompletionResult]::new('--no-verify-ssl', '--no-verify-ssl', [CompletionResultType]::ParameterName, 'Do not verify TLS certificates')
            [CompletionResult]::new('--no-paginate', '--no-paginate', [CompletionResultType]::ParameterName, 'Make one call only; do not aggregate pages')
            [CompletionResult]::new('--no-sign-request', '--no-sign-request', [CompletionResultType]::ParameterName, 'Send unsigned requests (no credentials are loaded)')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Run against the local emulator (`codeartifact mock`) instead of AWS')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask before destructive operations')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'codeartifact;list-associated-packages' {
            [CompletionResult]::new('--domain', '--domain', [CompletionResultType]::ParameterName, '[required] The name of the domain that contains the package group from which to list associated packages.')
            [CompletionResult]::new('--domain-owner', '--domain-owner', [CompletionResultType]::ParameterName, 'The 12-digit account number of the Amazon Web Services account that owns the domain.')
            [CompletionResult]::new('--package-group', '--package-group', [CompletionResultType]::ParameterName, '[required] The pattern of the package group from which to list associated packages.')
            [CompletionResult]::new('--max-results', '--max-results', [CompletionResultType]::ParameterName, 'The maximum number of results to return per page.')
            [CompletionResult]::new('--next-token', '--next-token', [CompletionResultType]::ParameterName, 'The token for the next set of results.')
            [CompletionResult]::new('--starting-token', '--starting-token', [CompletionResultType]::ParameterName, 'A token to start paginating from: the NextToken of a previously truncated response')
            [CompletionResult]::new('--page-size', '--page-size', [CompletionResultType]::ParameterName, 'The size of each page fetched from the service (does not change the output)')
            [CompletionResult]::new('--max-items', '--max-items', [CompletionResultType]::ParameterName, 'The total number of items to print; a NextToken is printed when there are more')
            [CompletionResult]::new('--cli-input-json', '--cli-input-json', [CompletionResultType]::ParameterName, 'Read arguments from a JSON string (or file://PATH); options on the command line take precedence')
            [CompletionResult]::new('--generate-cli-skeleton', '--generate-cli-skeleton', [CompletionResultType]::ParameterName, 'Print a JSON skeleton of the input (or output) and exit')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Override the service''s endpoint URL')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'The output format')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A profile from the AWS config and credentials files')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The region to use')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in table output')
            [CompletionResult]::new('--ca-bundle', '--ca-bundle', [CompletionResultType]::ParameterName, 'A PEM bundle of CA certificates to trust')
            [CompletionResult]::new('--cli-read-timeout', '--cli-read-timeout', [CompletionResultType]::ParameterName, 'Socket read timeout in seconds (0: none)')
            [CompletionResult]::new('--cli-connect-timeout', '--cli-connect-timeout', [CompletionResultType]::ParameterName, 'Socket connect timeout in seconds (0: none)')
            [CompletionResult]::new('--preview', '--preview', [CompletionResultType]::ParameterName, 'When this flag is included, ListAssociatedPackages will return a list of packages that would be associated with a package group, even if it does not exist.')
            [CompletionResult]::new('--no-preview', '--no-preview', [CompletionResultType]::ParameterName, 'no-preview')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Turn on debug logging (to stderr)')
            [CompletionResult]::new('--no-verify-ssl', '--no-verify-ssl', [CompletionResultType]::ParameterName, 'Do not verify TLS certificates')
            [CompletionResult]::new('--no-paginate', '--no-paginate', [CompletionResultType]::ParameterName, 'Make one call only; do not aggregate pages')
            [CompletionResult]::new('--no-sign-request', '--no-sign-request', [CompletionResultType]::ParameterName, 'Send unsigned requests (no credentials are loaded)')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Run against the local emulator (`codeartifact mock`) instead of AWS')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask before destructive operations')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'codeartifact;list-domains' {
            [CompletionResult]::new('--max-results', '--max-results', [CompletionResultType]::ParameterName, 'The maximum number of results to return per page.')
            [CompletionResult]::new('--next-token', '--next-token', [CompletionResultType]::ParameterName, 'The token for the next set of results.')
            [CompletionResult]::new('--starting-token', '--starting-token', [CompletionResultType]::ParameterName, 'A token to start paginating from: the NextToken of a previously truncated response')
            [CompletionResult]::new('--page-size', '--page-size', [CompletionResultType]::ParameterName, 'The size of each page fetched from the service (does not change the output)')
            [CompletionResult]::new('--max-items', '--max-items', [CompletionResultType]::ParameterName, 'The total number of items to print; a NextToken is printed when there are more')
            [CompletionResult]::new('--cli-input-json', '--cli-input-json', [CompletionResultType]::ParameterName, 'Read arguments from a JSON string (or file://PATH); options on the command line take precedence')
            [CompletionResult]::new('--generate-cli-skeleton', '--generate-cli-skeleton', [CompletionResultType]::ParameterName, 'Print a JSON skeleton of the input (or output) and exit')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Override the service''s endpoint URL')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'The output format')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A profile from the AWS config and credentials files')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The region to use')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in table output')
            [CompletionResult]::new('--ca-bundle', '--ca-bundle', [CompletionResultType]::ParameterName, 'A PEM bundle of CA certificates to trust')
            [CompletionResult]::new('--cli-read-timeout', '--cli-read-timeout', [CompletionResultType]::ParameterName, 'Socket read timeout in seconds (0: none)')
            [CompletionResult]::new('--cli-connect-timeout', '--cli-connect-timeout', [CompletionResultType]::ParameterName, 'Socket connect timeout in seconds (0: none)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Turn on debug logging (to stderr)')
            [CompletionResult]::new('--no-verify-ssl', '--no-verify-ssl', [CompletionResultType]::ParameterName, 'Do not verify TLS certificates')
            [CompletionResult]::new('--no-paginate', '--no-paginate', [CompletionResultType]::ParameterName, 'Make one call only; do not aggregate pages')
            [CompletionResult]::new('--no-sign-request', '--no-sign-request', [CompletionResultType]::ParameterName, 'Send unsigned requests (no credentials are loaded)')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Run against the local emulator (`codeartifact mock`) instead of AWS')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask before destructive operations')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'codeartifact;list-package-groups' {
            [CompletionResult]::new('--domain', '--domain', [CompletionResultType]::ParameterName, '[required] The domain for which you want to list package groups.')
            [CompletionResult]::new('--domain-owner', '--domain-owner', [CompletionResultType]::ParameterName, 'The 12-digit account number of the Amazon Web Services account that owns the domain.')
            [CompletionResult]::new('--max-results', '--max-results', [CompletionResultType]::ParameterName, 'The maximum number of results to return per page.')
            [CompletionResult]::new('--next-token', '--next-token', [CompletionResultType]::ParameterName, 'The token for the next set of results.')
            [CompletionResult]::new('--prefix', '--prefix', [CompletionResultType]::ParameterName, 'A prefix for which to search package groups.')
            [CompletionResult]::new('--starting-token', '--starting-token', [CompletionResultType]::ParameterName, 'A token to start paginating from: the NextToken of a previously truncated response')
            [CompletionResult]::new('--page-size', '--page-size', [CompletionResultType]::ParameterName, 'The size of each page fetched from the service (does not change the output)')
            [CompletionResult]::new('--max-items', '--max-items', [CompletionResultType]::ParameterName, 'The total number of items to print; a NextToken is printed when there are more')
            [CompletionResult]::new('--cli-input-json', '--cli-input-json', [CompletionResultType]::ParameterName, 'Read arguments from a JSON string (or file://PATH); options on the command line take precedence')
            [CompletionResult]::new('--generate-cli-skeleton', '--generate-cli-skeleton', [CompletionResultType]::ParameterName, 'Print a JSON skeleton of the input (or output) and exit')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Override the service''s endpoint URL')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'The output format')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A profile from the AWS config and credentials files')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The region to use')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in table output')
            [CompletionResult]::new('--ca-bundle', '--ca-bundle', [CompletionResultType]::ParameterName, 'A PEM bundle of CA certificates to trust')
            [CompletionResult]::new('--cli-read-timeout', '--cli-read-timeout', [CompletionResultType]::ParameterName, 'Socket read timeout in seconds (0: none)')
            [CompletionResult]::new('--cli-connect-timeout', '--cli-connect-timeout', [CompletionResultType]::ParameterName, 'Socket connect timeout in seconds (0: none)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Turn on debug logging (to stderr)')
            [CompletionResult]::new('--no-verify-ssl', '--no-verify-ssl', [CompletionResultType]::ParameterName, 'Do not verify TLS certificates')
            [CompletionResult]::new('--no-paginate', '--no-paginate', [CompletionResultType]::ParameterName, 'Make one call only; do not aggregate pages')
            [CompletionResult]::new('--no-sign-request', '--no-sign-request', [CompletionResultType]::ParameterName, 'Send unsigned requests (no credentials are loaded)')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Run against the local emulator (`codeartifact mock`) instead of AWS')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask before destructive operations')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'codeartifact;list-package-version-assets' {
            [CompletionResult]::new('--domain', '--domain', [CompletionResultType]::ParameterName, '[required] The name of the domain that contains the repository associated with the package version assets.')
            [CompletionResult]::new('--domain-owner', '--domain-owner', [CompletionResultType]::ParameterName, 'The 12-digit account number of the Amazon Web Services account that owns the domain.')
            [CompletionResult]::new('--repository', '--repository', [CompletionResultType]::ParameterName, '[required] The name of the repository that contains the package that contains the requested package version assets.')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, '[required] The format of the package that contains the requested package version assets.')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace of the package version that contains the requested package version assets.')
            [CompletionResult]::new('--package', '--package', [CompletionResultType]::ParameterName, '[required] The name of the package that contains the requested package version assets.')
            [CompletionResult]::new('--package-version', '--package-version', [CompletionResultType]::ParameterName, '[required] A string that contains the package version (for example, 3.5.2 ).')
            [CompletionResult]::new('--max-results', '--max-results', [CompletionResultType]::ParameterName, 'The maximum number of results to return per page.')
            [CompletionResult]::new('--next-token', '--next-token', [CompletionResultType]::ParameterName, 'The token for the next set of results.')
            [CompletionResult]::new('--starting-token', '--starting-token', [CompletionResultType]::ParameterName, 'A token to start paginating from: the NextToken of a previously truncated response')
            [CompletionResult]::new('--page-size', '--page-size', [CompletionResultType]::ParameterName, 'The size of each page fetched from the service (does not change the output)')
            [CompletionResult]::new('--max-items', '--max-items', [CompletionResultType]::ParameterName, 'The total number of items to print; a NextToken is printed when there are more')
            [CompletionResult]::new('--cli-input-json', '--cli-input-json', [CompletionResultType]::ParameterName, 'Read arguments from a JSON string (or file://PATH); options on the command line take precedence')
            [CompletionResult]::new('--generate-cli-skeleton', '--generate-cli-skeleton', [CompletionResultType]::ParameterName, 'Print a JSON skeleton of the input (or output) and exit')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Override the service''s endpoint URL')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'The output format')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A profile from the AWS config and credentials files')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The region to use')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in table output')
            [CompletionResult]::new('--ca-bundle', '--ca-bundle', [CompletionResultType]::ParameterName, 'A PEM bundle of CA certificates to trust')
            [CompletionResult]::new('--cli-read-timeout', '--cli-read-timeout', [CompletionResultType]::ParameterName, 'Socket read timeout in seconds (0: none)')
            [CompletionResult]::new('--cli-connect-timeout', '--cli-connect-timeout', [CompletionResultType]::ParameterName, 'Socket connect timeout in seconds (0: none)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Turn on debug logging (to stderr)')
            [CompletionResult]::new('--no-verify-ssl', '--no-verify-ssl', [CompletionResultType]::ParameterName, 'Do not verify TLS certificates')
            [CompletionResult]::new('--no-paginate', '--no-paginate', [CompletionResultType]::ParameterName, 'Make one call only; do not aggregate pages')
            [CompletionResult]::new('--no-sign-request', '--no-sign-request', [CompletionResultType]::ParameterName, 'Send unsigned requests (no credentials are loaded)')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Run against the local emulator (`codeartifact mock`) instead of AWS')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask before destructive operations')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'codeartifact;list-package-version-dependencies' {
            [CompletionResult]::new('--domain', '--domain', [CompletionResultType]::ParameterName, '[required] The name of the domain that contains the repository that contains the requested package version dependencies.')
            [CompletionResult]::new('--domain-owner', '--domain-owner', [CompletionResultType]::ParameterName, 'The 12-digit account number of the Amazon Web Services account that owns the domain.')
            [CompletionResult]::new('--repository', '--repository', [CompletionResultType]::ParameterName, '[required] The name of the repository that contains the requested package version.')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, '[required] The format of the package with the requested dependencies.')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace of the package version with the requested dependencies.')
            [CompletionResult]::new('--package', '--package', [CompletionResultType]::ParameterName, '[required] The name of the package versions'' package.')
            [CompletionResult]::new('--package-version', '--package-version', [CompletionResultType]::ParameterName, '[required] A string that contains the package version (for example, 3.5.2 ).')
            [CompletionResult]::new('--next-token', '--next-token', [CompletionResultType]::ParameterName, 'The token for the next set of results.')
            [CompletionResult]::new('--cli-input-json', '--cli-input-json', [CompletionResultType]::ParameterName, 'Read arguments from a JSON string (or file://PATH); options on the command line take precedence')
            [CompletionResult]::new('--generate-cli-skeleton', '--generate-cli-skeleton', [CompletionResultType]::ParameterName, 'Print a JSON skeleton of the input (or output) and exit')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Override the service''s endpoint URL')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'The output format')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A profile from the AWS config and credentials files')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The region to use')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in table output')
            [CompletionResult]::new('--ca-bundle', '--ca-bundle', [CompletionResultType]::ParameterName, 'A PEM bundle of CA certificates to trust')
            [CompletionResult]::new('--cli-read-timeout', '--cli-read-timeout', [CompletionResultType]::ParameterName, 'Socket read timeout in seconds (0: none)')
            [CompletionResult]::new('--cli-connect-timeout', '--cli-connect-timeout', [CompletionResultType]::ParameterName, 'Socket connect timeout in seconds (0: none)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Turn on debug logging (to stderr)')
            [CompletionResult]::new('--no-verify-ssl', '--no-verify-ssl', [CompletionResultType]::ParameterName, 'Do not verify TLS certificates')
            [CompletionResult]::new('--no-paginate', '--no-paginate', [CompletionResultType]::ParameterName, 'Make one call only; do not aggregate pages')
            [CompletionResult]::new('--no-sign-request', '--no-sign-request', [CompletionResultType]::ParameterName, 'Send unsigned requests (no credentials are loaded)')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Run against the local emulator (`codeartifact mock`) instead of AWS')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask before destructive operations')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'codeartifact;list-package-versions' {
            [CompletionResult]::new('--domain', '--domain', [CompletionResultType]::ParameterName, '[required] The name of the domain that contains the repository that contains the requested package versions.')
            [CompletionResult]::new('--domain-owner', '--domain-owner', [CompletionResultType]::ParameterName, 'The 12-digit account number of the Amazon Web Services account that owns the domain.')
            [CompletionResult]::new('--repository', '--repository', [CompletionResultType]::ParameterName, '[required] The name of the repository that contains the requested package versions.')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, '[required] The format of the package versions you want to list.')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace of the package that contains the requested package versions.')
            [CompletionResult]::new('--package', '--package', [CompletionResultType]::ParameterName, '[required] The name of the package for which you want to request package versions.')
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'A string that filters the requested package versions by status.')
            [CompletionResult]::new('--sort-by', '--sort-by', [CompletionResultType]::ParameterName, 'How to sort the requested list of package versions.')
            [CompletionResult]::new('--max-results', '--max-results', [CompletionResultType]::ParameterName, 'The maximum number of results to return per page.')
            [CompletionResult]::new('--next-token', '--next-token', [CompletionResultType]::ParameterName, 'The token for the next set of results.')
            [CompletionResult]::new('--origin-type', '--origin-type', [CompletionResultType]::ParameterName, 'The originType used to filter package versions.')
            [CompletionResult]::new('--starting-token', '--starting-token', [CompletionResultType]::ParameterName, 'A token to start paginating from: the NextToken of a previously truncated response')
            [CompletionResult]::new('--page-size', '--page-size', [CompletionResultType]::ParameterName, 'The size of each page fetched from the service (does not change the output)')
            [CompletionResult]::new('--max-items', '--max-items', [CompletionResultType]::ParameterName, 'The total number of items to print; a NextToken is printed when there are more')
            [CompletionResult]::new('--cli-input-json', '--cli-input-json', [CompletionResultType]::ParameterName, 'Read arguments from a JSON string (or file://PATH); options on the command line take precedence')
            [CompletionResult]::new('--generate-cli-skeleton', '--generate-cli-skeleton', [CompletionResultType]::ParameterName, 'Print a JSON skeleton of the input (or output) and exit')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Override the service''s endpoint URL')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'The output format')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A profile from the AWS config and credentials files')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The region to use')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in table output')
            [CompletionResult]::new('--ca-bundle', '--ca-bundle', [CompletionResultType]::ParameterName, 'A PEM bundle of CA certificates to trust')
            [CompletionResult]::new('--cli-read-timeout', '--cli-read-timeout', [CompletionResultType]::ParameterName, 'Socket read timeout in seconds (0: none)')
            [CompletionResult]::new('--cli-connect-timeout', '--cli-connect-timeout', [CompletionResultType]::ParameterName, 'Socket connect timeout in seconds (0: none)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Turn on debug logging (to stderr)')
            [CompletionResult]::new('--no-verify-ssl', '--no-verify-ssl', [CompletionResultType]::ParameterName, 'Do not verify TLS certificates')
            [CompletionResult]::new('--no-paginate', '--no-paginate', [CompletionResultType]::ParameterName, 'Make one call only; do not aggregate pages')
            [CompletionResult]::new('--no-sign-request', '--no-sign-request', [CompletionResultType]::ParameterName, 'Send unsigned requests (no credentials are loaded)')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Run against the local emulator (`codeartifact mock`) instead of AWS')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask before destructive operations')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'codeartifact;list-packages' {
            [CompletionResult]::new('--domain', '--domain', [CompletionResultType]::ParameterName, '[required] The name of the domain that contains the repository that contains the requested packages.')
            [CompletionResult]::new('--domain-owner', '--domain-owner', [CompletionResultType]::ParameterName, 'The 12-digit account number of the Amazon Web Services account that owns the domain.')
            [CompletionResult]::new('--repository', '--repository', [CompletionResultType]::ParameterName, '[required] The name of the repository that contains the requested packages.')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'The format used to filter requested packages.')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace prefix used to filter requested packages.')
            [CompletionResult]::new('--package-prefix', '--package-prefix', [CompletionResultType]::ParameterName, 'A prefix used to filter requested packages.')
            [CompletionResult]::new('--max-results', '--max-results', [CompletionResultType]::ParameterName, 'The maximum number of results to return per page.')
            [CompletionResult]::new('--next-token', '--next-token', [CompletionResultType]::ParameterName, 'The token for the next set of results.')
            [CompletionResult]::new('--publish', '--publish', [CompletionResultType]::ParameterName, 'The value of the Publish package origin control restriction used to filter requested packages.')
            [CompletionResult]::new('--upstream', '--upstream', [CompletionResultType]::ParameterName, 'The value of the Upstream package origin control restriction used to filter requested packages.')
            [CompletionResult]::new('--starting-token', '--starting-token', [CompletionResultType]::ParameterName, 'A token to start paginating from: the NextToken of a previously truncated response')
            [CompletionResult]::new('--page-size', '--page-size', [CompletionResultType]::ParameterName, 'The size of each page fetched from the service (does not change the output)')
            [CompletionResult]::new('--max-items', '--max-items', [CompletionResultType]::ParameterName, 'The total number of items to print; a NextToken is printed when there are more')
            [CompletionResult]::new('--cli-input-json', '--cli-input-json', [CompletionResultType]::ParameterName, 'Read arguments from a JSON string (or file://PATH); options on the command line take precedence')
            [CompletionResult]::new('--generate-cli-skeleton', '--generate-cli-skeleton', [CompletionResultType]::ParameterName, 'Print a JSON skeleton of the input (or output) and exit')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Override the service''s endpoint URL')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'The output format')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A profile from the AWS config and credentials files')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The region to use')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in table output')
            [CompletionResult]::new('--ca-bundle', '--ca-bundle', [CompletionResultType]::ParameterName, 'A PEM bundle of CA certificates to trust')
            [CompletionResult]::new('--cli-read-timeout', '--cli-read-timeout', [CompletionResultType]::ParameterName, 'Socket read timeout in seconds (0: none)')
            [CompletionResult]::new('--cli-connect-timeout', '--cli-connect-timeout', [CompletionResultType]::ParameterName, 'Socket connect timeout in seconds (0: none)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Turn on debug logging (to stderr)')
            [CompletionResult]::new('--no-verify-ssl', '--no-verify-ssl', [CompletionResultType]::ParameterName, 'Do not verify TLS certificates')
            [CompletionResult]::new('--no-paginate', '--no-paginate', [CompletionResultType]::ParameterName, 'Make one call only; do not aggregate pages')
            [CompletionResult]::new('--no-sign-request', '--no-sign-request', [CompletionResultType]::ParameterName, 'Send unsigned requests (no credentials are loaded)')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Run against the local emulator (`codeartifact mock`) instead of AWS')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask before destructive operations')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'codeartifact;list-repositories' {
            [CompletionResult]::new('--repository-prefix', '--repository-prefix', [CompletionResultType]::ParameterName, 'A prefix used to filter returned repositories.')
            [CompletionResult]::new('--max-results', '--max-results', [CompletionResultType]::ParameterName, 'The maximum number of results to return per page.')
            [CompletionResult]::new('--next-token', '--next-token', [CompletionResultType]::ParameterName, 'The token for the next set of results.')
            [CompletionResult]::new('--starting-token', '--starting-token', [CompletionResultType]::ParameterName, 'A token to start paginating from: the NextToken of a previously truncated response')
            [CompletionResult]::new('--page-size', '--page-size', [CompletionResultType]::ParameterName, 'The size of each page fetched from the service (does not change the output)')
            [CompletionResult]::new('--max-items', '--max-items', [CompletionResultType]::ParameterName, 'The total number of items to print; a NextToken is printed when there are more')
            [CompletionResult]::new('--cli-input-json', '--cli-input-json', [CompletionResultType]::ParameterName, 'Read arguments from a JSON string (or file://PATH); options on the command line take precedence')
            [CompletionResult]::new('--generate-cli-skeleton', '--generate-cli-skeleton', [CompletionResultType]::ParameterName, 'Print a JSON skeleton of the input (or output) and exit')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Override the service''s endpoint URL')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'The output format')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A profile from the AWS config and credentials files')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The region to use')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in table output')
            [CompletionResult]::new('--ca-bundle', '--ca-bundle', [CompletionResultType]::ParameterName, 'A PEM bundle of CA certificates to trust')
            [CompletionResult]::new('--cli-read-timeout', '--cli-read-timeout', [CompletionResultType]::ParameterName, 'Socket read timeout in seconds (0: none)')
            [CompletionResult]::new('--cli-connect-timeout', '--cli-connect-timeout', [CompletionResultType]::ParameterName, 'Socket connect timeout in seconds (0: none)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Turn on debug logging (to stderr)')
            [CompletionResult]::new('--no-verify-ssl', '--no-verify-ssl', [CompletionResultType]::ParameterName, 'Do not verify TLS certificates')
            [CompletionResult]::new('--no-paginate', '--no-paginate', [CompletionResultType]::ParameterName, 'Make one call only; do not aggregate pages')
            [CompletionResult]::new('--no-sign-request', '--no-sign-request', [CompletionResultType]::ParameterName, 'Send unsigned requests (no credentials are loaded)')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Run against the local emulator (`codeartifact mock`) instead of AWS')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask before destructive operations')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'codeartifact;list-repositories-in-domain' {
            [CompletionResult]::new('--domain', '--domain', [CompletionResultType]::ParameterName, '[required] The name of the domain that contains the returned list of repositories.')
            [CompletionResult]::new('--domain-owner', '--domain-owner', [CompletionResultType]::ParameterName, 'The 12-digit account number of the Amazon Web Services account that owns the domain.')
            [CompletionResult]::new('--administrator-account', '--administrator-account', [CompletionResultType]::ParameterName, 'Filter the list of repositories to only include those that are managed by the Amazon Web Services account ID.')
            [CompletionResult]::new('--repository-prefix', '--repository-prefix', [CompletionResultType]::ParameterName, 'A prefix used to filter returned repositories.')
            [CompletionResult]::new('--max-results', '--max-results', [CompletionResultType]::ParameterName, 'The maximum number of results to return per page.')
            [CompletionResult]::new('--next-token', '--next-token', [CompletionResultType]::ParameterName, 'The token for the next set of results.')
            [CompletionResult]::new('--starting-token', '--starting-token', [CompletionResultType]::ParameterName, 'A token to start paginating from: the NextToken of a previously truncated response')
            [CompletionResult]::new('--page-size', '--page-size', [CompletionResultType]::ParameterName, 'The size of each page fetched from the service (does not change the output)')
            [CompletionResult]::new('--max-items', '--max-items', [CompletionResultType]::ParameterName, 'The total number of items to print; a NextToken is printed when there are more')
            [CompletionResult]::new('--cli-input-json', '--cli-input-json', [CompletionResultType]::ParameterName, 'Read arguments from a JSON string (or file://PATH); options on the command line take precedence')
            [CompletionResult]::new('--generate-cli-skeleton', '--generate-cli-skeleton', [CompletionResultType]::ParameterName, 'Print a JSON skeleton of the input (or output) and exit')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Override the service''s endpoint URL')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'The output format')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A profile from the AWS config and credentials files')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The region to use')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in table output')
            [CompletionResult]::new('--ca-bundle', '--ca-bundle', [CompletionResultType]::ParameterName, 'A PEM bundle of CA certificates to trust')
            [CompletionResult]::new('--cli-read-timeout', '--cli-read-timeout', [CompletionResultType]::ParameterName, 'Socket read timeout in seconds (0: none)')
            [CompletionResult]::new('--cli-connect-timeout', '--cli-connect-timeout', [CompletionResultType]::ParameterName, 'Socket connect timeout in seconds (0: none)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Turn on debug logging (to stderr)')
            [CompletionResult]::new('--no-verify-ssl', '--no-verify-ssl', [CompletionResultType]::ParameterName, 'Do not verify TLS certificates')
            [CompletionResult]::new('--no-paginate', '--no-paginate', [CompletionResultType]::ParameterName, 'Make one call only; do not aggregate pages')
            [CompletionResult]::new('--no-sign-request', '--no-sign-request', [CompletionResultType]::ParameterName, 'Send unsigned requests (no credentials are loaded)')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Run against the local emulator (`codeartifact mock`) instead of AWS')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask before destructive operations')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'codeartifact;list-sub-package-groups' {
            [CompletionResult]::new('--domain', '--domain', [CompletionResultType]::ParameterName, '[required] The name of the domain which contains the package group from which to list sub package groups.')
            [CompletionResult]::new('--domain-owner', '--domain-owner', [CompletionResultType]::ParameterName, 'The 12-digit account number of the Amazon Web Services account that owns the domain.')
            [CompletionResult]::new('--package-group', '--package-group', [CompletionResultType]::ParameterName, '[required] The pattern of the package group from which to list sub package groups.')
            [CompletionResult]::new('--max-results', '--max-results', [CompletionResultType]::ParameterName, 'The maximum number of results to return per page.')
            [CompletionResult]::new('--next-token', '--next-token', [CompletionResultType]::ParameterName, 'The token for the next set of results.')
            [CompletionResult]::new('--starting-token', '--starting-token', [CompletionResultType]::ParameterName, 'A token to start paginating from: the NextToken of a previously truncated response')
            [CompletionResult]::new('--page-size', '--page-size', [CompletionResultType]::ParameterName, 'The size of each page fetched from the service (does not change the output)')
            [CompletionResult]::new('--max-items', '--max-items', [CompletionResultType]::ParameterName, 'The total number of items to print; a NextToken is printed when there are more')
            [CompletionResult]::new('--cli-input-json', '--cli-input-json', [CompletionResultType]::ParameterName, 'Read arguments from a JSON string (or file://PATH); options on the command line take precedence')
            [CompletionResult]::new('--generate-cli-skeleton', '--generate-cli-skeleton', [CompletionResultType]::ParameterName, 'Print a JSON skeleton of the input (or output) and exit')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Override the service''s endpoint URL')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'The output format')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A profile from the AWS config and credentials files')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The region to use')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in table output')
            [CompletionResult]::new('--ca-bundle', '--ca-bundle', [CompletionResultType]::ParameterName, 'A PEM bundle of CA certificates to trust')
            [CompletionResult]::new('--cli-read-timeout', '--cli-read-timeout', [CompletionResultType]::ParameterName, 'Socket read timeout in seconds (0: none)')
            [CompletionResult]::new('--cli-connect-timeout', '--cli-connect-timeout', [CompletionResultType]::ParameterName, 'Socket connect timeout in seconds (0: none)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Turn on debug logging (to stderr)')
            [CompletionResult]::new('--no-verify-ssl', '--no-verify-ssl', [CompletionResultType]::ParameterName, 'Do not verify TLS certificates')
            [CompletionResult]::new('--no-paginate', '--no-paginate', [CompletionResultType]::ParameterName, 'Make one call only; do not aggregate pages')
            [CompletionResult]::new('--no-sign-request', '--no-sign-request', [CompletionResultType]::ParameterName, 'Send unsigned requests (no credentials are loaded)')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Run against the local emulator (`codeartifact mock`) instead of AWS')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask before destructive operations')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'codeartifact;list-tags-for-resource' {
            [CompletionResult]::new('--resource-arn', '--resource-arn', [CompletionResultType]::ParameterName, '[required] The Amazon Resource Name (ARN) of the resource to get tags for.')
            [CompletionResult]::new('--cli-input-json', '--cli-input-json', [CompletionResultType]::ParameterName, 'Read arguments from a JSON string (or file://PATH); options on the command line take precedence')
            [CompletionResult]::new('--generate-cli-skeleton', '--generate-cli-skeleton', [CompletionResultType]::ParameterName, 'Print a JSON skeleton of the input (or output) and exit')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Override the service''s endpoint URL')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'The output format')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A profile from the AWS config and credentials files')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The region to use')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in table output')
            [CompletionResult]::new('--ca-bundle', '--ca-bundle', [CompletionResultType]::ParameterName, 'A PEM bundle of CA certificates to trust')
            [CompletionResult]::new('--cli-read-timeout', '--cli-read-timeout', [CompletionResultType]::ParameterName, 'Socket read timeout in seconds (0: none)')
            [CompletionResult]::new('--cli-connect-timeout', '--cli-connect-timeout', [CompletionResultType]::ParameterName, 'Socket connect timeout in seconds (0: none)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Turn on debug logging (to stderr)')
            [CompletionResult]::new('--no-verify-ssl', '--no-verify-ssl', [CompletionResultType]::ParameterName, 'Do not verify TLS certificates')
            [CompletionResult]::new('--no-paginate', '--no-paginate', [CompletionResultType]::ParameterName, 'Make one call only; do not aggregate pages')
            [CompletionResult]::new('--no-sign-request', '--no-sign-request', [CompletionResultType]::ParameterName, 'Send unsigned requests (no credentials are loaded)')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Run against the local emulator (`codeartifact mock`) instead of AWS')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask before destructive operations')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'codeartifact;publish-package-version' {
            [CompletionResult]::new('--domain', '--domain', [CompletionResultType]::ParameterName, '[required] The name of the domain that contains the repository that contains the package version to publish.')
            [CompletionResult]::new('--domain-owner', '--domain-owner', [CompletionResultType]::ParameterName, 'The 12-digit account number of the AWS account that owns the domain.')
            [CompletionResult]::new('--repository', '--repository', [CompletionResultType]::ParameterName, '[required] The name of the repository that the package version will be published to.')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, '[required] A format that specifies the type of the package version with the requested asset file.')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace of the package version to publish.')
            [CompletionResult]::new('--package', '--package', [CompletionResultType]::ParameterName, '[required] The name of the package version to publish.')
            [CompletionResult]::new('--package-version', '--package-version', [CompletionResultType]::ParameterName, '[required] The package version to publish (for example, 3.5.2 ).')
            [CompletionResult]::new('--asset-content', '--asset-content', [CompletionResultType]::ParameterName, '[required] The content of the asset to publish.')
            [CompletionResult]::new('--asset-name', '--asset-name', [CompletionResultType]::ParameterName, '[required] The name of the asset to publish.')
            [CompletionResult]::new('--asset-sha256', '--asset-sha256', [CompletionResultType]::ParameterName, '[required] The SHA256 hash of the assetContent to publish.')
            [CompletionResult]::new('--cli-input-json', '--cli-input-json', [CompletionResultType]::ParameterName, 'Read arguments from a JSON string (or file://PATH); options on the command line take precedence')
            [CompletionResult]::new('--generate-cli-skeleton', '--generate-cli-skeleton', [CompletionResultType]::ParameterName, 'Print a JSON skeleton of the input (or output) and exit')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Override the service''s endpoint URL')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'The output format')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A profile from the AWS config and credentials files')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The region to use')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in table output')
            [CompletionResult]::new('--ca-bundle', '--ca-bundle', [CompletionResultType]::ParameterName, 'A PEM bundle of CA certificates to trust')
            [CompletionResult]::new('--cli-read-timeout', '--cli-read-timeout', [CompletionResultType]::ParameterName, 'Socket read timeout in seconds (0: none)')
            [CompletionResult]::new('--cli-connect-timeout', '--cli-connect-timeout', [CompletionResultType]::ParameterName, 'Socket connect timeout in seconds (0: none)')
            [CompletionResult]::new('--unfinished', '--unfinished', [CompletionResultType]::ParameterName, 'Specifies whether the package version should remain in the unfinished state.')
            [CompletionResult]::new('--no-unfinished', '--no-unfinished', [CompletionResultType]::ParameterName, 'no-unfinished')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Turn on debug logging (to stderr)')
            [CompletionResult]::new('--no-verify-ssl', '--no-verify-ssl', [CompletionResultType]::ParameterName, 'Do not verify TLS certificates')
            [CompletionResult]::new('--no-paginate', '--no-paginate', [CompletionResultType]::ParameterName, 'Make one call only; do not aggregate pages')
            [CompletionResult]::new('--no-sign-request', '--no-sign-request', [CompletionResultType]::ParameterName, 'Send unsigned requests (no credentials are loaded)')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Run against the local emulator (`codeartifact mock`) instead of AWS')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask before destructive operations')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'codeartifact;put-domain-permissions-policy' {
            [CompletionResult]::new('--domain', '--domain', [CompletionResultType]::ParameterName, '[required] The name of the domain on which to set the resource policy.')
            [CompletionResult]::new('--domain-owner', '--domain-owner', [CompletionResultType]::ParameterName, 'The 12-digit account number of the Amazon Web Services account that owns the domain.')
            [CompletionResult]::new('--policy-revision', '--policy-revision', [CompletionResultType]::ParameterName, 'The current revision of the resource policy to be set.')
            [CompletionResult]::new('--policy-document', '--policy-document', [CompletionResultType]::ParameterName, '[required] A valid displayable JSON Aspen policy string to be set as the access control resource policy on the provided domain.')
            [CompletionResult]::new('--cli-input-json', '--cli-input-json', [CompletionResultType]::ParameterName, 'Read arguments from a JSON string (or file://PATH); options on the command line take precedence')
            [CompletionResult]::new('--generate-cli-skeleton', '--generate-cli-skeleton', [CompletionResultType]::ParameterName, 'Print a JSON skeleton of the input (or output) and exit')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Override the service''s endpoint URL')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'The output format')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A profile from the AWS config and credentials files')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The region to use')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in table output')
            [CompletionResult]::new('--ca-bundle', '--ca-bundle', [CompletionResultType]::ParameterName, 'A PEM bundle of CA certificates to trust')
            [CompletionResult]::new('--cli-read-timeout', '--cli-read-timeout', [CompletionResultType]::ParameterName, 'Socket read timeout in seconds (0: none)')
            [CompletionResult]::new('--cli-connect-timeout', '--cli-connect-timeout', [CompletionResultType]::ParameterName, 'Socket connect timeout in seconds (0: none)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Turn on debug logging (to stderr)')
            [CompletionResult]::new('--no-verify-ssl', '--no-verify-ssl', [CompletionResultType]::ParameterName, 'Do not verify TLS certificates')
            [CompletionResult]::new('--no-paginate', '--no-paginate', [CompletionResultType]::ParameterName, 'Make one call only; do not aggregate pages')
            [CompletionResult]::new('--no-sign-request', '--no-sign-request', [CompletionResultType]::ParameterName, 'Send unsigned requests (no credentials are loaded)')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Run against the local emulator (`codeartifact mock`) instead of AWS')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask before destructive operations')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'codeartifact;put-package-origin-configuration' {
            [CompletionResult]::new('--domain', '--domain', [CompletionResultType]::ParameterName, '[required] The name of the domain that contains the repository that contains the package.')
            [CompletionResult]::new('--domain-owner', '--domain-owner', [CompletionResultType]::ParameterName, 'The 12-digit account number of the Amazon Web Services account that owns the domain.')
            [CompletionResult]::new('--repository', '--repository', [CompletionResultType]::ParameterName, '[required] The name of the repository that contains the package.')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, '[required] A format that specifies the type of the package to be updated.')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace of the package to be updated.')
            [CompletionResult]::new('--package', '--package', [CompletionResultType]::ParameterName, '[required] The name of the package to be updated.')
            [CompletionResult]::new('--restrictions', '--restrictions', [CompletionResultType]::ParameterName, '[required] A PackageOriginRestrictions object that contains information about the upstream and publish package origin restrictions.')
            [CompletionResult]::new('--cli-input-json', '--cli-input-json', [CompletionResultType]::ParameterName, 'Read arguments from a JSON string (or file://PATH); options on the command line take precedence')
            [CompletionResult]::new('--generate-cli-skeleton', '--generate-cli-skeleton', [CompletionResultType]::ParameterName, 'Print a JSON skeleton of the input (or output) and exit')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Override the service''s endpoint URL')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'The output format')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A profile from the AWS config and credentials files')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The region to use')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in table output')
            [CompletionResult]::new('--ca-bundle', '--ca-bundle', [CompletionResultType]::ParameterName, 'A PEM bundle of CA certificates to trust')
            [CompletionResult]::new('--cli-read-timeout', '--cli-read-timeout', [CompletionResultType]::ParameterName, 'Socket read timeout in seconds (0: none)')
            [CompletionResult]::new('--cli-connect-timeout', '--cli-connect-timeout', [CompletionResultType]::ParameterName, 'Socket connect timeout in seconds (0: none)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Turn on debug logging (to stderr)')
            [CompletionResult]::new('--no-verify-ssl', '--no-verify-ssl', [CompletionResultType]::ParameterName, 'Do not verify TLS certificates')
            [CompletionResult]::new('--no-paginate', '--no-paginate', [CompletionResultType]::ParameterName, 'Make one call only; do not aggregate pages')
            [CompletionResult]::new('--no-sign-request', '--no-sign-request', [CompletionResultType]::ParameterName, 'Send unsigned requests (no credentials are loaded)')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Run against the local emulator (`codeartifact mock`) instead of AWS')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask before destructive operations')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'codeartifact;put-repository-permissions-policy' {
            [CompletionResult]::new('--domain', '--domain', [CompletionResultType]::ParameterName, '[required] The name of the domain containing the repository to set the resource policy on.')
            [CompletionResult]::new('--domain-owner', '--domain-owner', [CompletionResultType]::ParameterName, 'The 12-digit account number of the Amazon Web Services account that owns the domain.')
            [CompletionResult]::new('--repository', '--repository', [CompletionResultType]::ParameterName, '[required] The name of the repository to set the resource policy on.')
            [CompletionResult]::new('--policy-revision', '--policy-revision', [CompletionResultType]::ParameterName, 'Sets the revision of the resource policy that specifies permissions to access the repository.')
            [CompletionResult]::new('--policy-document', '--policy-document', [CompletionResultType]::ParameterName, '[required] A valid displayable JSON Aspen policy string to be set as the access control resource policy on the provided repository.')
            [CompletionResult]::new('--cli-input-json', '--cli-input-json', [CompletionResultType]::ParameterName, 'Read arguments from a JSON string (or file://PATH); options on the command line take precedence')
            [CompletionResult]::new('--generate-cli-skeleton', '--generate-cli-skeleton', [CompletionResultType]::ParameterName, 'Print a JSON skeleton of the input (or output) and exit')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Override the service''s endpoint URL')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'The output format')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A profile from the AWS config and credentials files')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The region to use')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in table output')
            [CompletionResult]::new('--ca-bundle', '--ca-bundle', [CompletionResultType]::ParameterName, 'A PEM bundle of CA certificates to trust')
            [CompletionResult]::new('--cli-read-timeout', '--cli-read-timeout', [CompletionResultType]::ParameterName, 'Socket read timeout in seconds (0: none)')
            [CompletionResult]::new('--cli-connect-timeout', '--cli-connect-timeout', [CompletionResultType]::ParameterName, 'Socket connect timeout in seconds (0: none)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Turn on debug logging (to stderr)')
            [CompletionResult]::new('--no-verify-ssl', '--no-verify-ssl', [CompletionResultType]::ParameterName, 'Do not verify TLS certificates')
            [CompletionResult]::new('--no-paginate', '--no-paginate', [CompletionResultType]::ParameterName, 'Make one call only; do not aggregate pages')
            [CompletionResult]::new('--no-sign-request', '--no-sign-request', [CompletionResultType]::ParameterName, 'Send unsigned requests (no credentials are loaded)')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Run against the local emulator (`codeartifact mock`) instead of AWS')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask before destructive operations')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'codeartifact;tag-resource' {
            [CompletionResult]::new('--resource-arn', '--resource-arn', [CompletionResultType]::ParameterName, '[required] The Amazon Resource Name (ARN) of the resource that you want to add or update tags for.')
            [CompletionResult]::new('--tags', '--tags', [CompletionResultType]::ParameterName, '[required] The tags you want to modify or add to the resource.')
            [CompletionResult]::new('--cli-input-json', '--cli-input-json', [CompletionResultType]::ParameterName, 'Read arguments from a JSON string (or file://PATH); options on the command line take precedence')
            [CompletionResult]::new('--generate-cli-skeleton', '--generate-cli-skeleton', [CompletionResultType]::ParameterName, 'Print a JSON skeleton of the input (or output) and exit')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Override the service''s endpoint URL')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'The output format')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A profile from the AWS config and credentials files')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The region to use')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in table output')
            [CompletionResult]::new('--ca-bundle', '--ca-bundle', [CompletionResultType]::ParameterName, 'A PEM bundle of CA certificates to trust')
            [CompletionResult]::new('--cli-read-timeout', '--cli-read-timeout', [CompletionResultType]::ParameterName, 'Socket read timeout in seconds (0: none)')
            [CompletionResult]::new('--cli-connect-timeout', '--cli-connect-timeout', [CompletionResultType]::ParameterName, 'Socket connect timeout in seconds (0: none)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Turn on debug logging (to stderr)')
            [CompletionResult]::new('--no-verify-ssl', '--no-verify-ssl', [CompletionResultType]::ParameterName, 'Do not verify TLS certificates')
            [CompletionResult]::new('--no-paginate', '--no-paginate', [CompletionResultType]::ParameterName, 'Make one call only; do not aggregate pages')
            [CompletionResult]::new('--no-sign-request', '--no-sign-request', [CompletionResultType]::ParameterName, 'Send unsigned requests (no credentials are loaded)')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Run against the local emulator (`codeartifact mock`) instead of AWS')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask before destructive operations')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'codeartifact;untag-resource' {
            [CompletionResult]::new('--resource-arn', '--resource-arn', [CompletionResultType]::ParameterName, '[required] The Amazon Resource Name (ARN) of the resource that you want to remove tags from.')
            [CompletionResult]::new('--tag-keys', '--tag-keys', [CompletionResultType]::ParameterName, '[required] The tag key for each tag that you want to remove from the resource.')
            [CompletionResult]::new('--cli-input-json', '--cli-input-json', [CompletionResultType]::ParameterName, 'Read arguments from a JSON string (or file://PATH); options on the command line take precedence')
            [CompletionResult]::new('--generate-cli-skeleton', '--generate-cli-skeleton', [CompletionResultType]::ParameterName, 'Print a JSON skeleton of the input (or output) and exit')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Override the service''s endpoint URL')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'The output format')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A profile from the AWS config and credentials files')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The region to use')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in table output')
            [CompletionResult]::new('--ca-bundle', '--ca-bundle', [CompletionResultType]::ParameterName, 'A PEM bundle of CA certificates to trust')
            [CompletionResult]::new('--cli-read-timeout', '--cli-read-timeout', [CompletionResultType]::ParameterName, 'Socket read timeout in seconds (0: none)')
            [CompletionResult]::new('--cli-connect-timeout', '--cli-connect-timeout', [CompletionResultType]::ParameterName, 'Socket connect timeout in seconds (0: none)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Turn on debug logging (to stderr)')
            [CompletionResult]::new('--no-verify-ssl', '--no-verify-ssl', [CompletionResultType]::ParameterName, 'Do not verify TLS certificates')
            [CompletionResult]::new('--no-paginate', '--no-paginate', [CompletionResultType]::ParameterName, 'Make one call only; do not aggregate pages')
            [CompletionResult]::new('--no-sign-request', '--no-sign-request', [CompletionResultType]::ParameterName, 'Send unsigned requests (no credentials are loaded)')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Run against the local emulator (`codeartifact mock`) instead of AWS')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask before destructive operations')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'codeartifact;update-package-group' {
            [CompletionResult]::new('--domain', '--domain', [CompletionResultType]::ParameterName, '[required] The name of the domain which contains the package group to be updated.')
            [CompletionResult]::new('--domain-owner', '--domain-owner', [CompletionResultType]::ParameterName, 'The 12-digit account number of the Amazon Web Services account that owns the domain.')
            [CompletionResult]::new('--package-group', '--package-group', [CompletionResultType]::ParameterName, '[required] The pattern of the package group to be updated.')
            [CompletionResult]::new('--contact-info', '--contact-info', [CompletionResultType]::ParameterName, 'Contact information which you want to update the requested package group with.')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'The description you want to update the requested package group with.')
            [CompletionResult]::new('--cli-input-json', '--cli-input-json', [CompletionResultType]::ParameterName, 'Read arguments from a JSON string (or file://PATH); options on the command line take precedence')
            [CompletionResult]::new('--generate-cli-skeleton', '--generate-cli-skeleton', [CompletionResultType]::ParameterName, 'Print a JSON skeleton of the input (or output) and exit')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Override the service''s endpoint URL')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'The output format')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A profile from the AWS config and credentials files')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The region to use')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in table output')
            [CompletionResult]::new('--ca-bundle', '--ca-bundle', [CompletionResultType]::ParameterName, 'A PEM bundle of CA certificates to trust')
            [CompletionResult]::new('--cli-read-timeout', '--cli-read-timeout', [CompletionResultType]::ParameterName, 'Socket read timeout in seconds (0: none)')
            [CompletionResult]::new('--cli-connect-timeout', '--cli-connect-timeout', [CompletionResultType]::ParameterName, 'Socket connect timeout in seconds (0: none)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Turn on debug logging (to stderr)')
            [CompletionResult]::new('--no-verify-ssl', '--no-verify-ssl', [CompletionResultType]::ParameterName, 'Do not verify TLS certificates')
            [CompletionResult]::new('--no-paginate', '--no-paginate', [CompletionResultType]::ParameterName, 'Make one call only; do not aggregate pages')
            [CompletionResult]::new('--no-sign-request', '--no-sign-request', [CompletionResultType]::ParameterName, 'Send unsigned requests (no credentials are loaded)')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Run against the local emulator (`codeartifact mock`) instead of AWS')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask before destructive operations')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'codeartifact;update-package-group-origin-configuration' {
            [CompletionResult]::new('--domain', '--domain', [CompletionResultType]::ParameterName, '[required] The name of the domain which contains the package group for which to update the origin configuration.')
            [CompletionResult]::new('--domain-owner', '--domain-owner', [CompletionResultType]::ParameterName, 'The 12-digit account number of the Amazon Web Services account that owns the domain.')
            [CompletionResult]::new('--package-group', '--package-group', [CompletionResultType]::ParameterName, '[required] The pattern of the package group for which to update the origin configuration.')
            [CompletionResult]::new('--restrictions', '--restrictions', [CompletionResultType]::ParameterName, 'The origin configuration settings that determine how package versions can enter repositories.')
            [CompletionResult]::new('--add-allowed-repositories', '--add-allowed-repositories', [CompletionResultType]::ParameterName, 'The repository name and restrictions to add to the allowed repository list of the specified package group.')
            [CompletionResult]::new('--remove-allowed-repositories', '--remove-allowed-repositories', [CompletionResultType]::ParameterName, 'The repository name and restrictions to remove from the allowed repository list of the specified package group.')
            [CompletionResult]::new('--cli-input-json', '--cli-input-json', [CompletionResultType]::ParameterName, 'Read arguments from a JSON string (or file://PATH); options on the command line take precedence')
            [CompletionResult]::new('--generate-cli-skeleton', '--generate-cli-skeleton', [CompletionResultType]::ParameterName, 'Print a JSON skeleton of the input (or output) and exit')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Override the service''s endpoint URL')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'The output format')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A profile from the AWS config and credentials files')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The region to use')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in table output')
            [CompletionResult]::new('--ca-bundle', '--ca-bundle', [CompletionResultType]::ParameterName, 'A PEM bundle of CA certificates to trust')
            [CompletionResult]::new('--cli-read-timeout', '--cli-read-timeout', [CompletionResultType]::ParameterName, 'Socket read timeout in seconds (0: none)')
            [CompletionResult]::new('--cli-connect-timeout', '--cli-connect-timeout', [CompletionResultType]::ParameterName, 'Socket connect timeout in seconds (0: none)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Turn on debug logging (to stderr)')
            [CompletionResult]::new('--no-verify-ssl', '--no-verify-ssl', [CompletionResultType]::ParameterName, 'Do not verify TLS certificates')
            [CompletionResult]::new('--no-paginate', '--no-paginate', [CompletionResultType]::ParameterName, 'Make one call only; do not aggregate pages')
            [CompletionResult]::new('--no-sign-request', '--no-sign-request', [CompletionResultType]::ParameterName, 'Send unsigned requests (no credentials are loaded)')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Run against the local emulator (`codeartifact mock`) instead of AWS')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask before destructive operations')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'codeartifact;update-package-versions-status' {
            [CompletionResult]::new('--domain', '--domain', [CompletionResultType]::ParameterName, '[required] The name of the domain that contains the repository that contains the package versions with a status to be updated.')
            [CompletionResult]::new('--domain-owner', '--domain-owner', [CompletionResultType]::ParameterName, 'The 12-digit account number of the Amazon Web Services account that owns the domain.')
            [CompletionResult]::new('--repository', '--repository', [CompletionResultType]::ParameterName, '[required] The repository that contains the package versions with the status you want to update.')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, '[required] A format that specifies the type of the package with the statuses to update.')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace of the package version to be updated.')
            [CompletionResult]::new('--package', '--package', [CompletionResultType]::ParameterName, '[required] The name of the package with the version statuses to update.')
            [CompletionResult]::new('--versions', '--versions', [CompletionResultType]::ParameterName, '[required] An array of strings that specify the versions of the package with the statuses to update.')
            [CompletionResult]::new('--version-revisions', '--version-revisions', [CompletionResultType]::ParameterName, 'A map of package versions and package version revisions.')
            [CompletionResult]::new('--expected-status', '--expected-status', [CompletionResultType]::ParameterName, 'The package version'’s expected status before it is updated.')
            [CompletionResult]::new('--target-status', '--target-status', [CompletionResultType]::ParameterName, '[required] The status you want to change the package version status to.')
            [CompletionResult]::new('--cli-input-json', '--cli-input-json', [CompletionResultType]::ParameterName, 'Read arguments from a JSON string (or file://PATH); options on the command line take precedence')
            [CompletionResult]::new('--generate-cli-skeleton', '--generate-cli-skeleton', [CompletionResultType]::ParameterName, 'Print a JSON skeleton of the input (or output) and exit')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Override the service''s endpoint URL')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'The output format')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A profile from the AWS config and credentials files')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The region to use')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in table output')
            [CompletionResult]::new('--ca-bundle', '--ca-bundle', [CompletionResultType]::ParameterName, 'A PEM bundle of CA certificates to trust')
            [CompletionResult]::new('--cli-read-timeout', '--cli-read-timeout', [CompletionResultType]::ParameterName, 'Socket read timeout in seconds (0: none)')
            [CompletionResult]::new('--cli-connect-timeout', '--cli-connect-timeout', [CompletionResultType]::ParameterName, 'Socket connect timeout in seconds (0: none)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Turn on debug logging (to stderr)')
            [CompletionResult]::new('--no-verify-ssl', '--no-verify-ssl', [CompletionResultType]::ParameterName, 'Do not verify TLS certificates')
            [CompletionResult]::new('--no-paginate', '--no-paginate', [CompletionResultType]::ParameterName, 'Make one call only; do not aggregate pages')
            [CompletionResult]::new('--no-sign-request', '--no-sign-request', [CompletionResultType]::ParameterName, 'Send unsigned requests (no credentials are loaded)')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Run against the local emulator (`codeartifact mock`) instead of AWS')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask before destructive operations')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'codeartifact;update-repository' {
            [CompletionResult]::new('--domain', '--domain', [CompletionResultType]::ParameterName, '[required] The name of the domain associated with the repository to update.')
            [CompletionResult]::new('--domain-owner', '--domain-owner', [CompletionResultType]::ParameterName, 'The 12-digit account number of the Amazon Web Services account that owns the domain.')
            [CompletionResult]::new('--repository', '--repository', [CompletionResultType]::ParameterName, '[required] The name of the repository to update.')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'An updated repository description.')
            [CompletionResult]::new('--upstreams', '--upstreams', [CompletionResultType]::ParameterName, 'A list of upstream repositories to associate with the repository.')
            [CompletionResult]::new('--cli-input-json', '--cli-input-json', [CompletionResultType]::ParameterName, 'Read arguments from a JSON string (or file://PATH); options on the command line take precedence')
            [CompletionResult]::new('--generate-cli-skeleton', '--generate-cli-skeleton', [CompletionResultType]::ParameterName, 'Print a JSON skeleton of the input (or output) and exit')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Override the service''s endpoint URL')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'The output format')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A profile from the AWS config and credentials files')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The region to use')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in table output')
            [CompletionResult]::new('--ca-bundle', '--ca-bundle', [CompletionResultType]::ParameterName, 'A PEM bundle of CA certificates to trust')
            [CompletionResult]::new('--cli-read-timeout', '--cli-read-timeout', [CompletionResultType]::ParameterName, 'Socket read timeout in seconds (0: none)')
            [CompletionResult]::new('--cli-connect-timeout', '--cli-connect-timeout', [CompletionResultType]::ParameterName, 'Socket connect timeout in seconds (0: none)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Turn on debug logging (to stderr)')
            [CompletionResult]::new('--no-verify-ssl', '--no-verify-ssl', [CompletionResultType]::ParameterName, 'Do not verify TLS certificates')
            [CompletionResult]::new('--no-paginate', '--no-paginate', [CompletionResultType]::ParameterName, 'Make one call only; do not aggregate pages')
            [CompletionResult]::new('--no-sign-request', '--no-sign-request', [CompletionResultType]::ParameterName, 'Send unsigned requests (no credentials are loaded)')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Run against the local emulator (`codeartifact mock`) instead of AWS')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask before destructive operations')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'codeartifact;login' {
            [CompletionResult]::new('--tool', '--tool', [CompletionResultType]::ParameterName, 'The tool you want to connect with your repository')
            [CompletionResult]::new('--domain', '--domain', [CompletionResultType]::ParameterName, 'Your CodeArtifact domain name')
            [CompletionResult]::new('--domain-owner', '--domain-owner', [CompletionResultType]::ParameterName, 'The AWS account ID that owns your CodeArtifact domain')
            [CompletionResult]::new('--repository', '--repository', [CompletionResultType]::ParameterName, 'Your CodeArtifact repository name')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Associates a namespace (npm scope, swift scope) with your repository tool; repeat it for several scopes')
            [CompletionResult]::new('--duration-seconds', '--duration-seconds', [CompletionResultType]::ParameterName, 'The time, in seconds, that the login information is valid')
            [CompletionResult]::new('--endpoint-type', '--endpoint-type', [CompletionResultType]::ParameterName, 'The type of endpoint you want the tool to interact with')
            [CompletionResult]::new('--scope', '--scope', [CompletionResultType]::ParameterName, 'Write the user''s configuration, or the project''s in the current folder')
            [CompletionResult]::new('--export-format', '--export-format', [CompletionResultType]::ParameterName, 'The syntax of --export lines')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Override the service''s endpoint URL')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'The output format')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A profile from the AWS config and credentials files')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The region to use')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in table output')
            [CompletionResult]::new('--ca-bundle', '--ca-bundle', [CompletionResultType]::ParameterName, 'A PEM bundle of CA certificates to trust')
            [CompletionResult]::new('--cli-read-timeout', '--cli-read-timeout', [CompletionResultType]::ParameterName, 'Socket read timeout in seconds (0: none)')
            [CompletionResult]::new('--cli-connect-timeout', '--cli-connect-timeout', [CompletionResultType]::ParameterName, 'Socket connect timeout in seconds (0: none)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Only show what would change in each file (a diff), without changing anything; the token is masked unless --show-token is given')
            [CompletionResult]::new('--show-token', '--show-token', [CompletionResultType]::ParameterName, 'Show the token in --dry-run output')
            [CompletionResult]::new('--extra-index', '--extra-index', [CompletionResultType]::ParameterName, 'pip, uv: add the repository next to the configured index instead of replacing it')
            [CompletionResult]::new('--export', '--export', [CompletionResultType]::ParameterName, 'Print the environment variables a CI step needs instead of writing files')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Turn on debug logging (to stderr)')
            [CompletionResult]::new('--no-verify-ssl', '--no-verify-ssl', [CompletionResultType]::ParameterName, 'Do not verify TLS certificates')
            [CompletionResult]::new('--no-paginate', '--no-paginate', [CompletionResultType]::ParameterName, 'Make one call only; do not aggregate pages')
            [CompletionResult]::new('--no-sign-request', '--no-sign-request', [CompletionResultType]::ParameterName, 'Send unsigned requests (no credentials are loaded)')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Run against the local emulator (`codeartifact mock`) instead of AWS')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask before destructive operations')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'codeartifact;logout' {
            [CompletionResult]::new('--tool', '--tool', [CompletionResultType]::ParameterName, 'The tool whose login to remove')
            [CompletionResult]::new('--domain', '--domain', [CompletionResultType]::ParameterName, 'Only remove the login for this domain (with --repository)')
            [CompletionResult]::new('--repository', '--repository', [CompletionResultType]::ParameterName, 'Only remove the login for this repository (with --domain)')
            [CompletionResult]::new('--scope', '--scope', [CompletionResultType]::ParameterName, 'Remove it from the user''s configuration, or the project''s in the current folder')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Override the service''s endpoint URL')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'The output format')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A profile from the AWS config and credentials files')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The region to use')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in table output')
            [CompletionResult]::new('--ca-bundle', '--ca-bundle', [CompletionResultType]::ParameterName, 'A PEM bundle of CA certificates to trust')
            [CompletionResult]::new('--cli-read-timeout', '--cli-read-timeout', [CompletionResultType]::ParameterName, 'Socket read timeout in seconds (0: none)')
            [CompletionResult]::new('--cli-connect-timeout', '--cli-connect-timeout', [CompletionResultType]::ParameterName, 'Socket connect timeout in seconds (0: none)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Only show what would change in each file')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Turn on debug logging (to stderr)')
            [CompletionResult]::new('--no-verify-ssl', '--no-verify-ssl', [CompletionResultType]::ParameterName, 'Do not verify TLS certificates')
            [CompletionResult]::new('--no-paginate', '--no-paginate', [CompletionResultType]::ParameterName, 'Make one call only; do not aggregate pages')
            [CompletionResult]::new('--no-sign-request', '--no-sign-request', [CompletionResultType]::ParameterName, 'Send unsigned requests (no credentials are loaded)')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Run against the local emulator (`codeartifact mock`) instead of AWS')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask before destructive operations')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'codeartifact;mock' {
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Override the service''s endpoint URL')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'The output format')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A profile from the AWS config and credentials files')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The region to use')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in table output')
            [CompletionResult]::new('--ca-bundle', '--ca-bundle', [CompletionResultType]::ParameterName, 'A PEM bundle of CA certificates to trust')
            [CompletionResult]::new('--cli-read-timeout', '--cli-read-timeout', [CompletionResultType]::ParameterName, 'Socket read timeout in seconds (0: none)')
            [CompletionResult]::new('--cli-connect-timeout', '--cli-connect-timeout', [CompletionResultType]::ParameterName, 'Socket connect timeout in seconds (0: none)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Turn on debug logging (to stderr)')
            [CompletionResult]::new('--no-verify-ssl', '--no-verify-ssl', [CompletionResultType]::ParameterName, 'Do not verify TLS certificates')
            [CompletionResult]::new('--no-paginate', '--no-paginate', [CompletionResultType]::ParameterName, 'Make one call only; do not aggregate pages')
            [CompletionResult]::new('--no-sign-request', '--no-sign-request', [CompletionResultType]::ParameterName, 'Send unsigned requests (no credentials are loaded)')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Run against the local emulator (`codeartifact mock`) instead of AWS')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask before destructive operations')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Serve the CodeArtifact API and repositories on a local port')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'codeartifact;mock;serve' {
            [CompletionResult]::new('--listen', '--listen', [CompletionResultType]::ParameterName, 'Address to listen on; port 0 picks a free port')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where state is kept [default: $XDG_DATA_HOME/codeartifact/mock]')
            [CompletionResult]::new('--account-id', '--account-id', [CompletionResultType]::ParameterName, 'The emulated AWS account, owner of every domain')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The emulated region, used in ARNs')
            [CompletionResult]::new('--public-url', '--public-url', [CompletionResultType]::ParameterName, 'Base URL for repository endpoints, when clients reach the mock through a proxy')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Override the service''s endpoint URL')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'The output format')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A profile from the AWS config and credentials files')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in table output')
            [CompletionResult]::new('--ca-bundle', '--ca-bundle', [CompletionResultType]::ParameterName, 'A PEM bundle of CA certificates to trust')
            [CompletionResult]::new('--cli-read-timeout', '--cli-read-timeout', [CompletionResultType]::ParameterName, 'Socket read timeout in seconds (0: none)')
            [CompletionResult]::new('--cli-connect-timeout', '--cli-connect-timeout', [CompletionResultType]::ParameterName, 'Socket connect timeout in seconds (0: none)')
            [CompletionResult]::new('--deterministic', '--deterministic', [CompletionResultType]::ParameterName, 'Frozen clock and counter-based ids, for byte-for-byte comparisons in tests')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log one line per request on stderr (also with CODEARTIFACT_MOCK_LOG=1)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log one line per request on stderr (also with CODEARTIFACT_MOCK_LOG=1)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Turn on debug logging (to stderr)')
            [CompletionResult]::new('--no-verify-ssl', '--no-verify-ssl', [CompletionResultType]::ParameterName, 'Do not verify TLS certificates')
            [CompletionResult]::new('--no-paginate', '--no-paginate', [CompletionResultType]::ParameterName, 'Make one call only; do not aggregate pages')
            [CompletionResult]::new('--no-sign-request', '--no-sign-request', [CompletionResultType]::ParameterName, 'Send unsigned requests (no credentials are loaded)')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Run against the local emulator (`codeartifact mock`) instead of AWS')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask before destructive operations')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'codeartifact;mock;help' {
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Serve the CodeArtifact API and repositories on a local port')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'codeartifact;mock;help;serve' {
            break
        }
        'codeartifact;mock;help;help' {
            break
        }
        'codeartifact;help' {
            [CompletionResult]::new('associate-external-connection', 'associate-external-connection', [CompletionResultType]::ParameterValue, 'Adds an existing external connection to a repository.')
            [CompletionResult]::new('copy-package-versions', 'copy-package-versions', [CompletionResultType]::ParameterValue, 'Copies package versions from one repository to another repository in the same domain.')
            [CompletionResult]::new('create-domain', 'create-domain', [CompletionResultType]::ParameterValue, 'Creates a domain.')
            [CompletionResult]::new('create-package-group', 'create-package-group', [CompletionResultType]::ParameterValue, 'Creates a package group.')
            [CompletionResult]::new('create-repository', 'create-repository', [CompletionResultType]::ParameterValue, 'Creates a repository.')
            [CompletionResult]::new('delete-domain', 'delete-domain', [CompletionResultType]::ParameterValue, 'Deletes a domain.')
            [CompletionResult]::new('delete-domain-permissions-policy', 'delete-domain-permissions-policy', [CompletionResultType]::ParameterValue, 'Deletes the resource policy set on a domain.')
            [CompletionResult]::new('delete-package', 'delete-package', [CompletionResultType]::ParameterValue, 'Deletes a package and all associated package versions.')
            [CompletionResult]::new('delete-package-group', 'delete-package-group', [CompletionResultType]::ParameterValue, 'Deletes a package group.')
            [CompletionResult]::new('delete-package-versions', 'delete-package-versions', [CompletionResultType]::ParameterValue, 'Deletes one or more versions of a package.')
            [CompletionResult]::new('delete-repository', 'delete-repository', [CompletionResultType]::ParameterValue, 'Deletes a repository.')
            [CompletionResult]::new('delete-repository-permissions-policy', 'delete-repository-permissions-policy', [CompletionResultType]::ParameterValue, 'Deletes the resource policy that is set on a repository.')
            [CompletionResult]::new('describe-domain', 'describe-domain', [CompletionResultType]::ParameterValue, 'Returns a DomainDescription object that contains information about the requested domain.')
            [CompletionResult]::new('describe-package', 'describe-package', [CompletionResultType]::ParameterValue, 'Returns a PackageDescription object that contains information about the requested package.')
            [CompletionResult]::new('describe-package-group', 'describe-package-group', [CompletionResultType]::ParameterValue, 'Returns a PackageGroupDescription object that contains information about the requested package group.')
            [CompletionResult]::new('describe-package-version', 'describe-package-version', [CompletionResultType]::ParameterValue, 'Returns a PackageVersionDescription object that contains information about the requested package version.')
            [CompletionResult]::new('describe-repository', 'describe-repository', [CompletionResultType]::ParameterValue, 'Returns a RepositoryDescription object that contains detailed information about the requested repository.')
            [CompletionResult]::new('disassociate-external-connection', 'disassociate-external-connection', [CompletionResultType]::ParameterValue, 'Removes an existing external connection from a repository.')
            [CompletionResult]::new('dispose-package-versions', 'dispose-package-versions', [CompletionResultType]::ParameterValue, 'Deletes the assets in package versions and sets the package versions'' status to Disposed .')
            [CompletionResult]::new('get-associated-package-group', 'get-associated-package-group', [CompletionResultType]::ParameterValue, 'Returns the most closely associated package group to the specified package.')
            [CompletionResult]::new('get-authorization-token', 'get-authorization-token', [CompletionResultType]::ParameterValue, 'Generates a temporary authorization token for accessing repositories in the domain.')
            [CompletionResult]::new('get-domain-permissions-policy', 'get-domain-permissions-policy', [CompletionResultType]::ParameterValue, 'Returns the resource policy attached to the specified domain.')
            [CompletionResult]::new('get-package-version-asset', 'get-package-version-asset', [CompletionResultType]::ParameterValue, 'Returns an asset (or file) that is in a package.')
            [CompletionResult]::new('get-package-version-readme', 'get-package-version-readme', [CompletionResultType]::ParameterValue, 'Gets the readme file or descriptive text for a package version.')
            [CompletionResult]::new('get-repository-endpoint', 'get-repository-endpoint', [CompletionResultType]::ParameterValue, 'Returns the endpoint of a repository for a specific package format.')
            [CompletionResult]::new('get-repository-permissions-policy', 'get-repository-permissions-policy', [CompletionResultType]::ParameterValue, 'Returns the resource policy that is set on a repository.')
            [CompletionResult]::new('list-allowed-repositories-for-group', 'list-allowed-repositories-for-group', [CompletionResultType]::ParameterValue, 'Lists the repositories in the added repositories list of the specified restriction type for a package group.')
            [CompletionResult]::new('list-associated-packages', 'list-associated-packages', [CompletionResultType]::ParameterValue, 'Returns a list of packages associated with the requested package group.')
            [CompletionResult]::new('list-domains', 'list-domains', [CompletionResultType]::ParameterValue, 'Returns a list of DomainSummary objects for all domains owned by the Amazon Web Services account that makes this call.')
            [CompletionResult]::new('list-package-groups', 'list-package-groups', [CompletionResultType]::ParameterValue, 'Returns a list of package groups in the requested domain.')
            [CompletionResult]::new('list-package-version-assets', 'list-package-version-assets', [CompletionResultType]::ParameterValue, 'Returns a list of AssetSummary objects for assets in a package version.')
            [CompletionResult]::new('list-package-version-dependencies', 'list-package-version-dependencies', [CompletionResultType]::ParameterValue, 'Returns the direct dependencies for a package version.')
            [CompletionResult]::new('list-package-versions', 'list-package-versions', [CompletionResultType]::ParameterValue, 'Returns a list of PackageVersionSummary objects for package versions in a repository that match the request parameters.')
            [CompletionResult]::new('list-packages', 'list-packages', [CompletionResultType]::ParameterValue, 'Returns a list of PackageSummary objects for packages in a repository that match the request parameters.')
            [CompletionResult]::new('list-repositories', 'list-repositories', [CompletionResultType]::ParameterValue, 'Returns a list of RepositorySummary objects.')
            [CompletionResult]::new('list-repositories-in-domain', 'list-repositories-in-domain', [CompletionResultType]::ParameterValue, 'Returns a list of RepositorySummary objects.')
            [CompletionResult]::new('list-sub-package-groups', 'list-sub-package-groups', [CompletionResultType]::ParameterValue, 'Returns a list of direct children of the specified package group.')
            [CompletionResult]::new('list-tags-for-resource', 'list-tags-for-resource', [CompletionResultType]::ParameterValue, 'Gets information about Amazon Web Services tags for a specified Amazon Resource Name (ARN) in CodeArtifact.')
            [CompletionResult]::new('publish-package-version', 'publish-package-version', [CompletionResultType]::ParameterValue, 'Creates a new package version containing one or more assets (or files).')
            [CompletionResult]::new('put-domain-permissions-policy', 'put-domain-permissions-policy', [CompletionResultType]::ParameterValue, 'Sets a resource policy on a domain that specifies permissions to access it.')
            [CompletionResult]::new('put-package-origin-configuration', 'put-package-origin-configuration', [CompletionResultType]::ParameterValue, 'Sets the package origin configuration for a package.')
            [CompletionResult]::new('put-repository-permissions-policy', 'put-repository-permissions-policy', [CompletionResultType]::ParameterValue, 'Sets the resource policy on a repository that specifies permissions to access it.')
            [CompletionResult]::new('tag-resource', 'tag-resource', [CompletionResultType]::ParameterValue, 'Adds or updates tags for a resource in CodeArtifact.')
            [CompletionResult]::new('untag-resource', 'untag-resource', [CompletionResultType]::ParameterValue, 'Removes tags from a resource in CodeArtifact.')
            [CompletionResult]::new('update-package-group', 'update-package-group', [CompletionResultType]::ParameterValue, 'Updates a package group.')
            [CompletionResult]::new('update-package-group-origin-configuration', 'update-package-group-origin-configuration', [CompletionResultType]::ParameterValue, 'Updates the package origin configuration for a package group.')
            [CompletionResult]::new('update-package-versions-status', 'update-package-versions-status', [CompletionResultType]::ParameterValue, 'Updates the status of one or more versions of a package.')
            [CompletionResult]::new('update-repository', 'update-repository', [CompletionResultType]::ParameterValue, 'Update the properties of a repository.')
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Configure a package tool to use a CodeArtifact repository')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Remove what `login` wrote to a package tool''s configuration')
            [CompletionResult]::new('mock', 'mock', [CompletionResultType]::ParameterValue, 'Run a local emulator of the CodeArtifact service')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'codeartifact;help;associate-external-connection' {
            break
        }
        'codeartifact;help;copy-package-versions' {
            break
        }
        'codeartifact;help;create-domain' {
            break
        }
        'codeartifact;help;create-package-group' {
            break
        }
        'codeartifact;help;create-repository' {
            break
        }
        'codeartifact;help;delete-domain' {
            break
        }
        'codeartifact;help;delete-domain-permissions-policy' {
            break
        }
        'codeartifact;help;delete-package' {
            break
        }
        'codeartifact;help;delete-package-group' {
            break
        }
        'codeartifact;help;delete-package-versions' {
            break
        }
        'codeartifact;help;delete-repository' {
            break
        }
        'codeartifact;help;delete-repository-permissions-policy' {
            break
        }
        'codeartifact;help;describe-domain' {
            break
        }
        'codeartifact;help;describe-package' {
            break
        }
        'codeartifact;help;describe-package-group' {
            break
        }
        'codeartifact;help;describe-package-version' {
            break
        }
        'codeartifact;help;describe-repository' {
            break
        }
        'codeartifact;help;disassociate-external-connection' {
            break
        }
        'codeartifact;help;dispose-package-versions' {
            break
        }
        'codeartifact;help;get-associated-package-group' {
            break
        }
        'codeartifact;help;get-authorization-token' {
            break
        }
        'codeartifact;help;get-domain-permissions-policy' {
            break
        }
        'codeartifact;help;get-package-version-asset' {
            break
        }
        'codeartifact;help;get-package-version-readme' {
            break
        }
        'codeartifact;help;get-repository-endpoint' {
            break
        }
        'codeartifact;help;get-repository-permissions-policy' {
            break
        }
        'codeartifact;help;list-allowed-repositories-for-group' {
            break
        }
        'codeartifact;help;list-associated-packages' {
            break
        }
        'codeartifact;help;list-domains' {
            break
        }
        'codeartifact;help;list-package-groups' {
            break
        }
        'codeartifact;help;list-package-version-assets' {
            break
        }
        'codeartifact;help;list-package-version-dependencies' {
            break
        }
        'codeartifact;help;list-package-versions' {
            break
        }
        'codeartifact;help;list-packages' {
            break
        }
        'codeartifact;help;list-repositories' {
            break
        }
        'codeartifact;help;list-repositories-in-domain' {
            break
        }
        'codeartifact;help;list-sub-package-groups' {
            break
        }
        'codeartifact;help;list-tags-for-resource' {
            break
        }
        'codeartifact;help;publish-package-version' {
            break
        }
        'codeartifact;help;put-domain-permissions-policy' {
            break
        }
        'codeartifact;help;put-package-origin-configuration' {
            break
        }
        'codeartifact;help;put-repository-permissions-policy' {
            break
        }
        'codeartifact;help;tag-resource' {
            break
        }
        'codeartifact;help;untag-resource' {
            break
        }
        'codeartifact;help;update-package-group' {
            break
        }
        'codeartifact;help;update-package-group-origin-configuration' {
            break
        }
        'codeartifact;help;update-package-versions-status' {
            break
        }
        'codeartifact;help;update-repository' {
            break
        }
        'codeartifact;help;login' {
            break
        }
        'codeartifact;help;logout' {
            break
        }
        'codeartifact;help;mock' {
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Serve the CodeArtifact API and repositories on a local port')
            break
        }
        'codeartifact;help;mock;serve' {
            break
        }
        'codeartifact;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
