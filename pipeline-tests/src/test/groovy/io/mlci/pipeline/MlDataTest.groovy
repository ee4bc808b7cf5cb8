package io.mlci.pipeline

import groovy.json.JsonOutput
import org.junit.Test

import static org.junit.Assert.assertEquals
import static org.junit.Assert.assertTrue

class MlDataTest extends PipelineTestSupport {

    @Test
    void shouldPullThenReturnAndPrintTheLineage() {
        cliJson.data = JsonOutput.toJson([outputs: [
                [pointer: 'data.dvc', stage: null, role: 'out', path: 'data', md5: '5ea40360f5b4ec688df672a4db9c17d1.dir',
                 status: 'present', lineage: [commit: 'c0ffee0123456789', date: '2026-11-01T10:00:00Z']],
                [pointer: 'dvc.lock', stage: 'prepare', role: 'dep', path: 'raw', md5: 'x', status: 'unchanged', lineage: null]]])
        File script = File.createTempFile('data', '.groovy')
        script.text = 'return mlData(remote: "s3store", jobs: 8, targets: ["data.dvc"])'

        Map lineage = runScript(script.path)

        assertEquals(['data.dvc'], lineage.keySet() as List)
        assertEquals('5ea40360f5b4ec688df672a4db9c17d1.dir', lineage['data.dvc'].hash)
        assertEquals('c0ffee0123456789', lineage['data.dvc'].commit)
        assertEquals("java -jar '/opt/mlci/mlci.jar' 'data' 'pull' '--remote' 's3store' '-j' '8' 'data.dvc'", shScripts[0])
        assertTrue(echoes.any { it.contains('data  5ea40360f5b4ec688df672a4db9c17d1.dir  via data.dvc @ c0ffee0123 (2026-11-01T10:00:00Z)') })
    }
}
