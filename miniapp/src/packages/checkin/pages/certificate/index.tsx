import { View } from '@tarojs/components'
import { Button, Cell } from '@nutui/nutui-react-taro'
import { formatChina } from '@civic/shared'
import { useState } from 'react'
import { issueCertificate, type Certificate } from '../../../../services/attendance'
import { toastError } from '../../../../utils/feedback'

/** H5: the certificate's HTML in a new window, ready to print. */
function openForPrint(html: string): void {
  if (process.env.TARO_ENV !== 'h5' || typeof window === 'undefined') return
  const w = window.open('', '_blank')
  if (!w) return
  w.document.open()
  w.document.write(html)
  w.document.close()
}

/** 志愿服务证明: issue a numbered certificate of the approved service hours. */
export default function CertificatePage() {
  const [busy, setBusy] = useState(false)
  const [cert, setCert] = useState<Certificate>()

  const issue = async () => {
    setBusy(true)
    try {
      const c = await issueCertificate()
      setCert(c)
      openForPrint(c.html)
    } catch (e) {
      toastError(e)
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className="page certificate-page">
      <View className="hint">志愿服务证明按已审核通过的服务记录开具，每份证明都有唯一编号，可供查验。</View>
      <View className="actions">
        <Button className="issue-certificate" type="primary" block loading={busy} onClick={() => void issue()}>
          开具志愿服务证明
        </Button>
      </View>
      {cert ? (
        <Cell.Group title="已开具">
          <Cell className="certificate-number" title="证明编号" extra={cert.number} />
          <Cell title="开具时间" extra={formatChina(cert.issuedAt, 'YYYY-MM-DD HH:mm')} />
          <Cell title="服务时长" extra={`${cert.record.totalHours} 小时`} />
          <Cell title="服务次数" extra={`${cert.record.services.length} 次`} />
          {process.env.TARO_ENV === 'h5' ? (
            <Cell title="打印" description="在新窗口打开证明" clickable onClick={() => openForPrint(cert.html)} />
          ) : null}
        </Cell.Group>
      ) : null}
    </View>
  )
}
