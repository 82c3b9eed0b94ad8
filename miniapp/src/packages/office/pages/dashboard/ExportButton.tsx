import { View } from '@tarojs/components'
import { useState } from 'react'
import { toastError } from '../../../../utils/feedback'
import { openExport, type ExportSpec } from './service'

const LABEL: Record<ExportSpec['kind'], string> = {
  participation: '导出 Excel',
  'street-duty': '导出 Excel',
  rectification: '导出 Excel',
  volunteers: '导出志愿者名册',
}

/** Downloads an export (H5: the browser saves it; weapp: opened in WeChat's document viewer). */
export default function ExportButton({ spec, label }: { spec: ExportSpec; label?: string }) {
  const [busy, setBusy] = useState(false)
  const go = async () => {
    if (busy) return
    setBusy(true)
    try {
      await openExport(spec)
    } catch (e) {
      toastError(e)
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className={`dash-export dash-export-${spec.kind}${busy ? ' dash-export--busy' : ''}`} onClick={() => void go()}>
      {busy ? '正在导出…' : (label ?? LABEL[spec.kind])}
    </View>
  )
}
